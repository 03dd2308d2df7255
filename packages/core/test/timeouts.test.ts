import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { BackOff, one, RequestStrategy, TimeoutError } from '@drover/core';
import { fileContent } from '@drover/testkit';
import { coordinator, listFiles, tempHome, useServer } from './helpers.js';

// Issue #10, case 6: timeouts that fit downloads.
describe('timeouts that fit downloads', () => {
  const kit = useServer();
  // ~1.2 s of body: 24 chunks of 100 bytes, one every 50 ms.
  const longBody = () => `${kit.url}/drip?size=2400&chunk=100&interval=50`;

  it('defaults: no total deadline; headers, idle and low-speed guards on', () => {
    const { options } = new RequestStrategy();
    assert.equal(options.timeout, 0);
    assert.equal(options.headersTimeout, 30_000);
    assert.equal(options.idleTimeout, 30_000);
    assert.equal(options.connectTimeout, 10_000);
    assert.equal(options.lowSpeedLimit, 1024);
    assert.equal(options.lowSpeedTime, 30_000);
    assert.equal(new BackOff().options.timeout, 0);
  });

  it('0 and Infinity mean off; values past the timer range are clamped, never 1 ms', () => {
    assert.equal(new RequestStrategy({ timeout: Infinity }).options.timeout, 0);
    assert.equal(new RequestStrategy({ idleTimeout: 0 }).options.idleTimeout, 0);
    assert.equal(new RequestStrategy({ timeout: 999_999_999_999 }).options.timeout, 2_147_483_647);
    assert.throws(() => new RequestStrategy({ timeout: -1 }), /`timeout`.*-1/);
    assert.throws(() => new RequestStrategy({ headersTimeout: Number.NaN }), /`headersTimeout`/);
  });

  it('a download longer than the headers and idle limits finishes when its chunks keep coming', async (t) => {
    const home = await tempHome(t);
    const strategy = new RequestStrategy({ headersTimeout: 300, idleTimeout: 300 });
    const bundle = await one(longBody(), coordinator(t, home, strategy));
    assert.equal(bundle.status, 'written', bundle.error?.message);
    assert.deepEqual(await readFile(bundle.filePath as string), fileContent('/drip', 2400));
  });

  it('a huge total timeout behaves as a long one, not as 1 ms', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(
      longBody(),
      coordinator(t, home, new RequestStrategy({ timeout: 999_999_999_999 })),
    );
    assert.equal(bundle.status, 'written', bundle.error?.message);
  });

  it('a total timeout, when set, still ends the attempt', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(longBody(), coordinator(t, home, new RequestStrategy({ timeout: 300 })));
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof TimeoutError);
    assert.equal(bundle.error.phase, 'total');
    assert.deepEqual(await listFiles(home), []);
  });

  it('a server that trickles fails on the low-speed guard, typed, with nothing at the final path', async (t) => {
    const home = await tempHome(t);
    // 10 bytes every 50 ms = 200 B/s, below 1000 B/s over a 300 ms window.
    const strategy = new RequestStrategy({ lowSpeedLimit: 1000, lowSpeedTime: 300 });
    const bundle = await one(
      `${kit.url}/drip?size=100000&chunk=10&interval=50`,
      coordinator(t, home, strategy),
    );
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof TimeoutError);
    assert.equal(bundle.error.phase, 'speed');
    assert.match(bundle.error.message, /low-speed limit/);
    assert.deepEqual(await listFiles(home), []);
  });

  it('an idle limit of 0 is off: a pause longer than any other limit is waited out', async (t) => {
    const home = await tempHome(t);
    const strategy = new RequestStrategy({ idleTimeout: 0, lowSpeedTime: 0 });
    const bundle = await one(
      `${kit.url}/drip?size=200&chunk=100&interval=400`,
      coordinator(t, home, strategy),
    );
    assert.equal(bundle.status, 'written', bundle.error?.message);
  });
});
