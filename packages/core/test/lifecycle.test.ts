import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AbortError,
  AioDownload,
  Bundle,
  ClosedError,
  DownloadStrategy,
  each,
  Lenient,
  Limiter,
  one,
  RequestStrategy,
  swarm,
  urlToRelativePath,
} from '@drover/core';
import { waitFor } from '@drover/testkit';
import { listFiles, tempHome, uniqueKey, useServer } from './helpers.js';

/** A coordinator with the default strategy (Lenient: 5 attempts, 60 s apart) under `home`. */
function lenient(home: string, options: ConstructorParameters<typeof Lenient>[0] = {}): AioDownload {
  return new AioDownload({
    requestStrategy: new Lenient(options),
    downloadStrategy: new DownloadStrategy({ home }),
  });
}

function assertClosed(bundle: Bundle, attempts = 0): void {
  assert.equal(bundle.status, 'failed', bundle.statusMsg);
  assert.ok(bundle.error instanceof ClosedError, bundle.error?.message);
  assert.equal(bundle.error.code, 'ERR_DROVER_CLOSED');
  assert.equal(bundle.error.transient, false);
  assert.equal(bundle.attempts, attempts);
}

describe('coordinator lifecycle: close, drain, onIdle, asyncDispose', { timeout: 30_000 }, () => {
  const kit = useServer();

  it('after close(), main, requestAndDownload, one, swarm and each fail at once, without a request', async (t) => {
    const home = await tempHome(t);
    const download = lenient(home);
    const k = uniqueKey('closed');
    const url = (name: string) => `${kit.url}/files/${k}/${name}?size=10`;
    assert.equal((await one(url('before'), download)).status, 'written');
    await download.close();
    const started = Date.now();
    const results = [
      await download.main(new Bundle(url('main'))),
      await download.requestAndDownload(new Bundle(url('loop'))),
      await one(url('one'), download),
      ...(await swarm([url('s1'), url('s2')], download)),
    ];
    for await (const bundle of each([url('e1'), url('e2')], undefined, download)) results.push(bundle);
    assert.equal(results.length, 7);
    for (const bundle of results) {
      assertClosed(bundle);
      assert.equal(bundle.error?.requestSent, false);
      assert.match(bundle.error?.message ?? '', /^GET http:\/\/.+: the coordinator is closed/);
    }
    assert.deepEqual(
      kit.server.requests(`/files/${k}/`).map((entry) => entry.path),
      [`/files/${k}/before?size=10`],
    );
    assert.deepEqual(await listFiles(home), [urlToRelativePath(url('before'))]);
    // A liveness bound (Lenient would wait 60 s before a retry), not a timing.
    assert.ok(Date.now() - started < 5_000);
    await download.close();
  });

  it('close() aborts queued, waiting and in-flight bundles: each ends failed with ClosedError', async (t) => {
    const home = await tempHome(t);
    const download = lenient(home, { concurrent: 1, minTime: 0 });
    const k = uniqueKey('abort');
    const inFlight = one(`${kit.url}/stall?size=100000&after=5000&k=${k}`, download);
    const queued = one(`${kit.url}/files/${k}/queued?size=10`, download);
    const waiting = new AioDownload({
      requestStrategy: new Lenient({ minTime: 0 }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    const retrying = one(`${kit.url}/status/503?k=${k}`, waiting);
    await waitFor(() => kit.server.requests('/stall').some((entry) => entry.path.includes(k)), 5_000);
    await waitFor(() => kit.server.requests(`/status/503?k=${k}`).length === 1, 5_000);
    await sleep(50);
    const started = Date.now();
    await Promise.all([download.close(), waiting.close()]);
    const [stalled, neverRan, slept] = await Promise.all([inFlight, queued, retrying]);
    assertClosed(stalled as Bundle, 1);
    assertClosed(neverRan as Bundle, 0);
    assertClosed(slept as Bundle, 1);
    assert.ok(Date.now() - started < 5_000, 'close() does not wait out the 60 s retry delay');
    assert.equal(kit.server.requests(`/files/${k}/`).length, 0, 'the queued bundle never requested');
    await sleep(100);
    assert.equal(kit.server.requests(`/status/503?k=${k}`).length, 1, 'no retry after close');
    assert.deepEqual(await listFiles(home), [], 'no .part file left');
  });

  it('close({ drain: true }) lets running bundles finish and refuses new ones', async (t) => {
    const home = await tempHome(t);
    const download = lenient(home, { minTime: 0 });
    const k = uniqueKey('drain');
    const running = one(`${kit.url}/slow-headers?delay=300&size=100&k=${k}`, download);
    await waitFor(() => kit.server.requests('/slow-headers').some((entry) => entry.path.includes(k)), 5_000);
    const closing = download.close({ drain: true });
    const refused = await one(`${kit.url}/files/${k}/late?size=1`, download);
    assertClosed(refused);
    await closing;
    assert.equal((await running).status, 'written');
    assert.equal(kit.server.requests(`/files/${k}/`).length, 0);
  });

  it('a second close() without drain aborts a drain', async (t) => {
    const home = await tempHome(t);
    const download = lenient(home, { minTime: 0 });
    const k = uniqueKey('drain-abort');
    const running = one(`${kit.url}/stall?size=1000&after=10&k=${k}`, download);
    await waitFor(() => kit.server.requests('/stall').some((entry) => entry.path.includes(k)), 5_000);
    const draining = download.close({ drain: true });
    assert.equal(download.close(), draining, 'the same promise');
    assertClosed(await running, 1);
    await draining;
  });

  it('onIdle() resolves once nothing is queued or running, and at once when idle', async (t) => {
    const home = await tempHome(t);
    const download = lenient(home, { concurrent: 2, minTime: 0 });
    t.after(() => download.close());
    await download.onIdle();
    const k = uniqueKey('idle');
    const bundles = [1, 2, 3, 4].map(
      (i) => new Bundle(`${kit.url}/slow-headers?delay=100&size=10&k=${k}-${i}`),
    );
    for (const bundle of bundles) void download.main(bundle);
    await download.onIdle();
    assert.deepEqual(
      bundles.map((bundle) => bundle.status),
      ['written', 'written', 'written', 'written'],
    );
    assert.equal((await one(`${kit.url}/files/${k}/after?size=1`, download)).status, 'written');
  });

  it('await using closes the coordinator at the end of the block', async (t) => {
    const home = await tempHome(t);
    let kept: AioDownload | undefined;
    {
      await using download = lenient(home, { minTime: 0 });
      kept = download;
      assert.equal((await one(`${kit.url}/files/${uniqueKey('using')}?size=1`, download)).status, 'written');
    }
    assertClosed(await one(`${kit.url}/files/${uniqueKey('using')}?size=1`, kept));
  });
});

describe('aborted jobs leave the limiter queue', { timeout: 30_000 }, () => {
  const kit = useServer();

  for (const [what, options] of [
    ['the global slot', { concurrent: 1 }],
    ['a per-host slot', { concurrent: 4, limitPerHost: 1 }],
  ] as const) {
    it(`a bundle aborted while queued for ${what} never runs and holds no slot`, async (t) => {
      const home = await tempHome(t);
      const download = new AioDownload({
        requestStrategy: new RequestStrategy(options),
        downloadStrategy: new DownloadStrategy({ home }),
      });
      t.after(() => download.close());
      const k = uniqueKey('queue');
      let firstDone = false;
      const first = one(`${kit.url}/slow-headers?delay=400&size=10&k=${k}`, download).finally(() => {
        firstDone = true;
      });
      await waitFor(
        () => kit.server.requests('/slow-headers').some((entry) => entry.path.includes(k)),
        5_000,
      );
      const controller = new AbortController();
      const queued = download.main(new Bundle(`${kit.url}/files/${k}/queued?size=1`), {
        signal: controller.signal,
      });
      const next = one(`${kit.url}/files/${k}/next?size=1`, download);
      await sleep(20);
      controller.abort();
      const aborted = await queued;
      assert.ok(aborted.error instanceof AbortError, aborted.error?.message);
      assert.equal(aborted.attempts, 0);
      assert.equal(firstDone, false, 'the aborted bundle did not wait for the slot');
      assert.equal((await first).status, 'written');
      assert.equal((await next).status, 'written');
      assert.deepEqual(
        kit.server.requests(`/files/${k}/`).map((entry) => entry.path),
        [`/files/${k}/next?size=1`],
      );
    });
  }

  it('Limiter.schedule: an aborted job never runs, rejects at once, and the next one takes its place', async () => {
    const limiter = new Limiter({ concurrent: 1, limitPerHost: 1, minTime: 0 });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ran: string[] = [];
    const first = limiter.schedule('o', async () => {
      ran.push('first');
      await held;
    });
    const controller = new AbortController();
    const aborted = limiter.schedule('o', async () => ran.push('aborted'), controller.signal);
    const third = limiter.schedule('o', async () => ran.push('third'));
    controller.abort(new Error('stop'));
    await assert.rejects(aborted, /stop/);
    release();
    await Promise.all([first, third]);
    assert.deepEqual(ran, ['first', 'third']);
    await limiter.close();
  });
});
