import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AbortError,
  AioDownload,
  BackOff,
  Bundle,
  DownloadStrategy,
  each,
  HttpError,
  Lenient,
  one,
  RequestStrategy,
  swarm,
} from '@drover/core';
import { listFiles, tempHome, uniqueKey, useServer } from './helpers.js';

describe('retry policy details', () => {
  const kit = useServer();

  it('a 429 with Retry-After cools the host down for every bundle, not just the one that saw it', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new BackOff({ concurrent: 1, sleep: 1, maxAttempts: 3 }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    t.after(() => download.close());
    kit.server.reset();
    const k = uniqueKey('cool');
    const bundles = await swarm(
      [
        `${kit.url}/retry-after/${k}?fail=1&seconds=1`,
        `${kit.url}/files/cool/a?size=1`,
        `${kit.url}/files/cool/b?size=1`,
      ],
      download,
    );
    assert.ok(bundles.every((bundle) => bundle.status === 'written'));
    const log = kit.server.log;
    const refused = log.find((entry) => entry.path.startsWith('/retry-after/'));
    const later = log.filter((entry) => entry !== refused);
    assert.ok(refused !== undefined && later.length === 3);
    for (const entry of later) {
      assert.ok(
        entry.time - refused.time >= 950,
        `${entry.path} started ${entry.time - refused.time} ms after the 429`,
      );
    }
  });

  it('mirrors: a retry falls back to the next URL, and the path still comes from the first', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new BackOff({ sleep: 1, maxAttempts: 3 }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    t.after(() => download.close());
    const bundle = await one(
      new Bundle(`${kit.url}/status/503?primary`, { mirrors: [`${kit.url}/files/mirror.bin?size=64`] }),
      download,
    );
    assert.equal(bundle.status, 'written');
    assert.deepEqual(
      bundle.history.map((record) => record.httpStatus),
      [503, 200],
    );
    assert.equal(bundle.finalUrl, `${kit.url}/files/mirror.bin?size=64`);
    assert.ok(bundle.filePath?.endsWith('503?primary'));
  });

  it('retryOn: exactly the listed statuses are retried', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new BackOff({ sleep: 1, maxAttempts: 3, retryOn: [409] }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    t.after(() => download.close());
    const [conflict, unavailable] = await swarm(
      [
        `${kit.url}/flaky/${uniqueKey('409')}?fail=1&status=409&size=3`,
        `${kit.url}/flaky/${uniqueKey('503')}?fail=1&status=503`,
      ],
      download,
    );
    assert.equal(conflict?.status, 'written');
    assert.equal(conflict?.attempts, 2);
    assert.equal(unavailable?.attempts, 1);
    assert.ok(unavailable?.error instanceof HttpError);
    const base = new RequestStrategy({ retryOn: [500], maxAttempts: 2 });
    assert.equal(base.retry(new Bundle('http://h/'), new HttpError(500, { url: 'http://h/' })), true);
    assert.equal(
      new Lenient({ retryOn: [500] }).retry(
        new Bundle('http://h/'),
        new HttpError(502, { url: 'http://h/' }),
      ),
      false,
    );
  });

  it('every attempt is recorded with its status or error and duration', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new BackOff({ sleep: 1, maxAttempts: 3 }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    t.after(() => download.close());
    const bundle = await one(`${kit.url}/flaky/${uniqueKey('hist')}?fail=2&size=10`, download);
    assert.deepEqual(
      bundle.history.map((record) => [record.attempt, record.httpStatus, record.error?.code]),
      [
        [1, 500, 'ERR_DROVER_HTTP_STATUS'],
        [2, 500, 'ERR_DROVER_HTTP_STATUS'],
        [3, 200, undefined],
      ],
    );
    assert.ok(bundle.history.every((record) => record.duration >= 0 && record.startedAt > 0));
  });
});

describe('cancellation', () => {
  const kit = useServer();

  it('the coordinator signal stops requests in flight and queued ones; nothing hangs, no .part left', async (t) => {
    const home = await tempHome(t);
    const controller = new AbortController();
    const download = new AioDownload({
      requestStrategy: new RequestStrategy({ concurrent: 2 }),
      downloadStrategy: new DownloadStrategy({ home }),
      signal: controller.signal,
    });
    t.after(() => download.close());
    const urls = [
      `${kit.url}/stall?size=100000&after=20000`,
      `${kit.url}/slow-headers?delay=5000`,
      `${kit.url}/files/queued/1?size=10`,
      `${kit.url}/files/queued/2?size=10`,
    ];
    setTimeout(() => controller.abort(new Error('user pressed stop')), 200);
    const started = Date.now();
    const bundles = await swarm(urls, download);
    assert.ok(Date.now() - started < 2000, `took ${Date.now() - started} ms`);
    for (const bundle of bundles) {
      assert.equal(bundle.status, 'failed');
      assert.ok(bundle.error instanceof AbortError, bundle.error?.message);
      assert.match(bundle.error.message, /aborted: user pressed stop/);
    }
    assert.equal(bundles[2]?.attempts, 0);
    assert.deepEqual(await listFiles(home), []);
  });

  it('a per-call signal ends a retry wait and stops each from reading more input', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new BackOff({ concurrent: 2, sleep: 10_000, maxAttempts: 3 }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    t.after(() => download.close());
    const controller = new AbortController();
    let pulled = 0;
    function* items() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield `${kit.url}/status/503?i=${i}`;
      }
    }
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const seen: string[] = [];
    for await (const bundle of each(items(), undefined, download, { signal: controller.signal })) {
      seen.push(bundle.error?.code ?? bundle.status);
    }
    assert.ok(Date.now() - started < 3000);
    assert.ok(pulled < 1000, `pulled ${pulled}`);
    assert.ok(seen.length > 0 && seen.every((code) => code === 'ERR_DROVER_ABORTED'));
  });

  it('with keepPartial an aborted download keeps its .part for a later run', async (t) => {
    const home = await tempHome(t);
    const controller = new AbortController();
    const download = new AioDownload({
      requestStrategy: new RequestStrategy(),
      downloadStrategy: new DownloadStrategy({ home, keepPartial: true }),
      signal: controller.signal,
    });
    t.after(() => download.close());
    setTimeout(() => controller.abort(), 300);
    const bundle = await one(`${kit.url}/drip?size=100000&chunk=1000&interval=20`, download);
    assert.ok(bundle.error instanceof AbortError);
    const files = await listFiles(home);
    assert.equal(files.length, 2, files.join(','));
    assert.ok(files.some((file) => file.endsWith('.part')));
    assert.ok(files.some((file) => file.endsWith('.part.json')));
  });
});
