import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackOff, Bundle, Lenient, RequestStrategy, swarm } from '@drover/core';
import { createTestServer } from '@drover/testkit';
import { coordinator, tempHome, useServer } from './helpers.js';

describe('limits, measured by the server', () => {
  const kit = useServer();

  it('`concurrent` bounds bundles in flight across the coordinator', async (t) => {
    kit.server.reset();
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 3 }));
    const urls = Array.from({ length: 12 }, (_, i) => `${kit.url}/files/c/${i}.bin?size=2000&delay=40`);
    const bundles = await swarm(urls, download);
    assert.ok(bundles.every((bundle) => bundle.status === 'written'));
    assert.equal(kit.server.inFlight('/files/c/').max, 3);
  });

  it('`limitPerHost` bounds each origin while others proceed', async (t) => {
    const other = await createTestServer();
    t.after(() => other.close());
    kit.server.reset();
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 6, limitPerHost: 2 }));
    const urls = Array.from({ length: 8 }, (_, i) => [
      `${kit.url}/files/h/${i}.bin?size=100&delay=40`,
      `${other.url}/files/h/${i}.bin?size=100&delay=40`,
    ]).flat();
    const bundles = await swarm(urls, download);
    assert.ok(bundles.every((bundle) => bundle.status === 'written'));
    assert.equal(kit.server.inFlight('/files/h/').max, 2);
    assert.equal(other.inFlight('/files/h/').max, 2);
  });

  it('`minTime` spaces request starts (Lenient: 250 ms apart by default)', async (t) => {
    kit.server.reset();
    const home = await tempHome(t);
    const download = coordinator(t, home, new Lenient());
    const urls = Array.from({ length: 4 }, (_, i) => `${kit.url}/files/m/${i}.bin?size=10`);
    await swarm(urls, download);
    const times = kit.server.requests('/files/m/').map((entry) => entry.time);
    assert.equal(times.length, 4);
    for (let i = 1; i < times.length; i++) {
      const gap = (times[i] as number) - (times[i - 1] as number);
      assert.ok(gap >= 235, `gap ${gap} ms between request ${i - 1} and ${i}`);
    }
  });

  it('a bundle waiting to retry holds no slot', async (t) => {
    kit.server.reset();
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ concurrent: 1, sleep: 600, maxAttempts: 2 }));
    const flaky = `${kit.url}/flaky/slot-${Date.now()}?fail=1&size=10`;
    const others = Array.from({ length: 3 }, (_, i) => `${kit.url}/files/slot/${i}.bin?size=10`);
    const started = Date.now();
    const finishedAt = new Map<string, number>();
    download.on('done', ({ bundle }) => finishedAt.set(bundle.url, Date.now() - started));
    const bundles = await swarm([flaky, ...others], download);
    assert.ok(bundles.every((bundle) => bundle.status === 'written'));
    for (const url of others) {
      assert.ok((finishedAt.get(url) as number) < 500, `${url} finished at ${finishedAt.get(url)} ms`);
    }
    assert.ok((finishedAt.get(flaky) as number) >= 600);
  });

  it('a bundle holds its slot through the body write', async (t) => {
    kit.server.reset();
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 2 }));
    const urls = Array.from(
      { length: 6 },
      (_, i) => `${kit.url}/drip?size=4000&chunk=1000&interval=20&n=${i}`,
    );
    const bundles = await swarm(
      urls.map((url, i) => new Bundle(url, { filePath: `drip-${i}` })),
      download,
    );
    assert.ok(bundles.every((bundle) => bundle.status === 'written'));
    assert.equal(kit.server.inFlight('/drip').max, 2);
  });
});
