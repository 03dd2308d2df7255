import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AbortError, AioDownload, Bundle, DownloadStrategy, each, Lenient, one, swarm } from '@drover/core';
import { waitFor } from '@drover/testkit';
import { listFiles, tempHome, uniqueKey, useServer } from './helpers.js';

/** A liveness bound: well under the 30 s retry wait the bundles are in, not a timing benchmark. */
const RETURNS_WITHIN = 5_000;

describe('leaving each() early, or aborting swarm/one, stops what it started', { timeout: 30_000 }, () => {
  const kit = useServer();

  function coordinator(home: string, sleepMs: number): AioDownload {
    return new AioDownload({
      requestStrategy: new Lenient({ maxAttempts: 3, sleep: sleepMs, minTime: 0, concurrent: 8 }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
  }

  it('a break returns at once, though bundles sleep 30 s before a retry; they end failed with AbortError', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(home, 30_000);
    t.after(() => download.close());
    const k = uniqueKey('break');
    const bundles = [
      new Bundle(`${kit.url}/files/${k}/first?size=10`),
      ...[1, 2, 3].map((i) => new Bundle(`${kit.url}/status/503?k=${k}-${i}`)),
      new Bundle(`${kit.url}/stall?size=1000&after=10&k=${k}`),
    ];
    const failing = bundles.slice(1, 4);
    let leftAt = 0;
    let seen = 0;
    for await (const bundle of each(bundles, undefined, download)) {
      seen++;
      assert.equal(bundle.status, 'written');
      // Wait until the 503s sleep and the stall is in flight, then leave.
      await waitFor(() => failing.every((b) => b.attempts === 1) && stallStarted(k), 5_000);
      leftAt = Date.now();
      break;
    }
    assert.equal(seen, 1);
    assert.ok(Date.now() - leftAt < RETURNS_WITHIN, `the break took ${Date.now() - leftAt} ms`);
    for (const bundle of bundles.slice(1)) {
      assert.equal(bundle.status, 'failed', bundle.statusMsg);
      assert.ok(bundle.error instanceof AbortError, bundle.error?.message);
      assert.equal(bundle.attempts, 1);
    }
    assert.ok(!(await listFiles(home)).some((file) => file.endsWith('.part')), 'no .part left');
  });

  function stallStarted(k: string): boolean {
    return kit.server.requests('/stall').some((entry) => entry.path.includes(k));
  }

  it('abandoned bundles request nothing more, and a borrowed coordinator stays usable', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(home, 200);
    t.after(() => download.close());
    const k = uniqueKey('abandon');
    const urls = [
      `${kit.url}/files/${k}/first?size=10`,
      ...[1, 2, 3, 4].map((i) => `${kit.url}/status/503?k=${k}-${i}`),
    ];
    const requests = () => kit.server.requests(`/status/503?k=${k}`).length;
    for await (const bundle of each(urls, undefined, download)) {
      assert.equal(bundle.status, 'written');
      await waitFor(() => requests() >= 4, 5_000);
      break;
    }
    const atBreak = requests();
    // Three retry gaps of 200 ms: an abandoned bundle still retrying would have asked again by now.
    await sleep(700);
    assert.equal(requests() - atBreak, 0, 'no request after the break');
    const again = await one(`${kit.url}/files/${k}/after?size=5`, download);
    assert.equal(again.status, 'written');
  });

  it('swarm and one with an aborted signal return at once, their bundles failed with AbortError', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(home, 30_000);
    t.after(() => download.close());
    const k = uniqueKey('signal');
    const controller = new AbortController();
    const started = Date.now();
    const swarmed = swarm(
      [`${kit.url}/status/503?k=${k}-a`, `${kit.url}/stall?size=1000&after=10&k=${k}`],
      download,
      { signal: controller.signal },
    );
    const single = one(`${kit.url}/status/503?k=${k}-b`, download, { signal: controller.signal });
    await waitFor(() => kit.server.requests(`/status/503?k=${k}`).length === 2 && stallStarted(k), 5_000);
    controller.abort();
    const [bundles, lone] = await Promise.all([swarmed, single]);
    assert.ok(Date.now() - started < RETURNS_WITHIN, `took ${Date.now() - started} ms`);
    for (const bundle of [...bundles, lone]) {
      assert.equal(bundle.status, 'failed');
      assert.ok(bundle.error instanceof AbortError, bundle.error?.message);
    }
    assert.equal((await one(`${kit.url}/files/${k}/after?size=5`, download)).status, 'written');
  });
});
