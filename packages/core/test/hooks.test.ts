import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  BackOff,
  Bundle,
  DroverError,
  each,
  type Hooks,
  HttpError,
  one,
  REQUEST_END_CHANNEL,
  REQUEST_START_CHANNEL,
  type RequestEndMessage,
  RequestStrategy,
  retryNow,
  stopRetrying,
  swarm,
} from '@drover/core';
import { coordinator, tempHome, uniqueKey, useServer } from './helpers.js';

// Issue #11: hooks with one state object, on the coordinator and per call (both transports: the
// suite runs again with DROVER_TRANSPORT=axios).
describe('hooks', () => {
  const kit = useServer();
  const quick = (options = {}) => new BackOff({ maxAttempts: 3, sleep: 5, maxSleep: 5, ...options });

  it('beforeAttempt changes the request of each attempt (headers, URL, body)', async (t) => {
    const home = await tempHome(t);
    const hooks: Hooks = {
      beforeAttempt: [
        ({ request, attempt }) => {
          request.headers['x-attempt'] = String(attempt);
          request.url = `${kit.url}/echo`;
          request.method = 'post';
          request.body = Readable.from([Buffer.from('streamed '), Buffer.from('body')]);
        },
      ],
    };
    const bundle = await one(new Bundle(`${kit.url}/files/ignored.bin?size=1`, { filePath: 'echo.json' }), {
      download: coordinator(t, home, new RequestStrategy({ retryNonIdempotent: true })),
      hooks,
    });
    assert.equal(bundle.status, 'written', bundle.error?.message);
    const echo = JSON.parse(await readFile(bundle.filePath as string, 'utf8')) as {
      method: string;
      headers: Record<string, string>;
      body: string;
    };
    assert.equal(echo.method, 'POST');
    assert.equal(echo.headers['x-attempt'], '1');
    assert.equal(echo.body, 'streamed body');
  });

  it('afterResponse + retryNow: HEAD refused with 405 becomes a GET, one of maxAttempts', async (t) => {
    const home = await tempHome(t);
    const fallback: Hooks = {
      afterResponse: [
        ({ bundle, request, response }) => {
          if (request.method === 'HEAD' && response.status === 405) {
            bundle.method = 'GET';
            return retryNow;
          }
          return undefined;
        },
      ],
    };
    const url = `${kit.url}/no-head/${uniqueKey('head')}.bin?size=10`;
    const download = coordinator(t, home, new RequestStrategy({ maxAttempts: 2 }), {}, { hooks: fallback });
    const bundle = await one(new Bundle(url, { method: 'HEAD' }), download);
    assert.equal(bundle.status, 'written', bundle.error?.message);
    assert.equal(bundle.attempts, 2);
    assert.equal(bundle.method, 'GET');
    const once = await one(
      new Bundle(url, { method: 'HEAD', filePath: 'once.bin' }),
      coordinator(t, home, new RequestStrategy({ maxAttempts: 1 }), {}, { hooks: fallback }),
    );
    assert.equal(once.status, 'failed');
    assert.equal(once.attempts, 1);
    assert.ok(once.error instanceof HttpError);
    assert.equal(once.error.status, 405);
  });

  it('a hook that throws fails its attempt with its own DroverError', async (t) => {
    const home = await tempHome(t);
    const refuse: Hooks = {
      afterResponse: [
        ({ response }) => {
          if (response.headers.get('Content-Type')?.startsWith('application/octet-stream')) {
            throw new DroverError('ERR_DROVER_RESPONSE_CHECK', 'not a page', { url: response.url });
          }
        },
      ],
    };
    const bundle = await one(`${kit.url}/files/${uniqueKey('refused')}.bin?size=10`, {
      download: coordinator(t, home, new RequestStrategy()),
      hooks: refuse,
    });
    assert.equal(bundle.status, 'failed');
    assert.equal(bundle.error?.code, 'ERR_DROVER_RESPONSE_CHECK');
    assert.match(bundle.error?.message ?? '', /not a page/);
  });

  it('beforeRetry sees the error and the delay; stopRetrying ends the retries', async (t) => {
    const home = await tempHome(t);
    const key = uniqueKey('stop');
    const seen: Array<{ attempt: number; delay: number; status: number | undefined }> = [];
    const hooks: Hooks = {
      beforeRetry: [
        ({ attempt, delay, error }) => {
          seen.push({ attempt, delay, status: error instanceof HttpError ? error.status : undefined });
          return attempt >= 2 ? stopRetrying : undefined;
        },
      ],
    };
    const bundle = await one(`${kit.url}/flaky/${key}?fail=5&status=503`, {
      download: coordinator(t, home, quick({ maxAttempts: 10 })),
      hooks,
    });
    assert.equal(bundle.status, 'failed');
    assert.equal(bundle.attempts, 2);
    assert.equal(kit.server.hits(key), 2);
    assert.deepEqual(seen, [
      { attempt: 1, delay: 5, status: 503 },
      { attempt: 2, delay: 5, status: 503 },
    ]);
  });

  it('onDone runs once per bundle, the coordinator’s hooks before the call’s', async (t) => {
    const home = await tempHome(t);
    const order: string[] = [];
    const download = coordinator(
      t,
      home,
      new RequestStrategy({ concurrent: 2 }),
      {},
      {
        hooks: { onDone: [({ bundle }) => void order.push(`coordinator ${bundle.status}`)] },
      },
    );
    const bundles = await swarm(
      [`${kit.url}/files/${uniqueKey('done')}.bin?size=3`, `${kit.url}/status/404`],
      {
        download,
        hooks: {
          onDone: [({ bundle, error }) => void order.push(`call ${bundle.status} ${error?.code ?? '-'}`)],
        },
      },
    );
    assert.deepEqual(
      bundles.map((bundle) => bundle.status),
      ['written', 'failed'],
    );
    assert.equal(order.length, 4);
    assert.deepEqual(order.filter((line) => line.startsWith('call')).sort(), [
      'call failed ERR_DROVER_HTTP_STATUS',
      'call written -',
    ]);
    assert.ok(order.indexOf('coordinator written') < order.indexOf('call written -'));
  });

  it('onDone runs for bundles that fail before any request too (bad URL, path conflict, closed)', async (t) => {
    const home = await tempHome(t);
    const done: string[] = [];
    const hooks: Hooks = { onDone: [({ bundle, error }) => void done.push(`${bundle.url} ${error?.code}`)] };
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 2 }));
    const slow = new Bundle(`${kit.url}/drip?size=1024&chunk=512&interval=50`, { filePath: 'same.bin' });
    const clash = new Bundle(`${kit.url}/files/clash.bin?size=1`, { filePath: 'same.bin' });
    await swarm(['not a url', slow, clash], { download, hooks });
    await download.close();
    await one(`${kit.url}/files/after-close.bin?size=1`, { download, hooks });
    assert.equal(done.length, 4);
    assert.ok(done.includes('not a url ERR_DROVER_INVALID_URL'));
    assert.ok(done.includes(`${clash.url} ERR_DROVER_PATH_CONFLICT`));
    assert.ok(done.includes(`${kit.url}/files/after-close.bin?size=1 ERR_DROVER_CLOSED`));
  });

  it('publishes request start and end on diagnostics channels', async (t) => {
    const home = await tempHome(t);
    const started: string[] = [];
    const ended: Array<number | undefined> = [];
    const onStart = (message: unknown) => started.push((message as { request: { url: string } }).request.url);
    const onEnd = (message: unknown) => ended.push((message as RequestEndMessage).response?.status);
    diagnosticsChannel.subscribe(REQUEST_START_CHANNEL, onStart);
    diagnosticsChannel.subscribe(REQUEST_END_CHANNEL, onEnd);
    t.after(() => {
      diagnosticsChannel.unsubscribe(REQUEST_START_CHANNEL, onStart);
      diagnosticsChannel.unsubscribe(REQUEST_END_CHANNEL, onEnd);
    });
    const url = `${kit.url}/files/${uniqueKey('diag')}.bin?size=5`;
    await one(url, coordinator(t, home, new RequestStrategy()));
    assert.deepEqual(started, [url]);
    assert.deepEqual(ended, [200]);
  });

  it('each keeps the item as bundle.info unless it is the URL itself; options form works', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 2 }));
    const ids = [1, 2];
    const infos: Array<number | undefined> = [];
    for await (const bundle of each(ids, (id) => `${kit.url}/files/info-${id}.bin?size=1`, download)) {
      infos.push(bundle.info);
    }
    assert.deepEqual(infos.sort(), [1, 2]);
    const plain: unknown[] = [];
    for await (const bundle of each([`${kit.url}/files/plain.bin?size=1`], { download }))
      plain.push(bundle.info);
    assert.deepEqual(plain, [undefined]);
  });

  it('an HttpError carries the response headers and a bounded body excerpt', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(`${kit.url}/status/418`, coordinator(t, home, new RequestStrategy()));
    assert.ok(bundle.error instanceof HttpError);
    assert.equal(bundle.error.status, 418);
    assert.match(bundle.error.headers?.get('content-type') ?? '', /^text\/plain/);
    assert.equal(bundle.error.bodyExcerpt, 'status 418');
  });
});
