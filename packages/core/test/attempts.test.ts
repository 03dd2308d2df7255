import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BackOff,
  type Bundle,
  HttpError,
  Jitter,
  Lenient,
  one,
  RequestStrategy,
  TimeoutError,
} from '@drover/core';
import { coordinator, tempHome, uniqueKey, useServer } from './helpers.js';

describe('attempt counts are exactly what the strategy says', () => {
  const kit = useServer();

  it('the base strategy makes one request and never retries', async (t) => {
    const home = await tempHome(t);
    const k = uniqueKey('base');
    const bundle = await one(`${kit.url}/flaky/${k}?fail=1`, coordinator(t, home, new RequestStrategy()));
    assert.equal(bundle.status, 'failed');
    assert.equal(bundle.attempts, 1);
    assert.equal(kit.server.hits(k), 1);
  });

  it('Lenient makes 5 requests for a failing URL, and its timings are options', async (t) => {
    const home = await tempHome(t);
    const k = uniqueKey('lenient');
    const download = coordinator(t, home, new Lenient({ sleep: 20, minTime: 0 }));
    const bundle = await one(`${kit.url}/flaky/${k}?fail=100`, download);
    assert.equal(bundle.status, 'failed');
    assert.equal(bundle.attempts, 5);
    assert.equal(kit.server.hits(k), 5);
    assert.equal(bundle.history.length, 5);
    assert.ok(bundle.history.every((record) => record.httpStatus === 500));
    assert.ok(bundle.error instanceof HttpError);
  });

  it('Lenient does not retry a 404', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new Lenient({ sleep: 20, minTime: 0 }));
    const bundle = await one(`${kit.url}/status/404?k=${uniqueKey('404')}`, download);
    assert.equal(bundle.attempts, 1);
    assert.equal(bundle.httpStatus, 404);
    assert.ok(bundle.error instanceof HttpError && bundle.error.status === 404);
  });

  it('Lenient recovers when the server does', async (t) => {
    const home = await tempHome(t);
    const k = uniqueKey('recover');
    const download = coordinator(t, home, new Lenient({ sleep: 10, minTime: 0 }));
    const bundle = await one(`${kit.url}/flaky/${k}?fail=2&size=100`, download);
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.attempts, 3);
    assert.equal(bundle.bytes, 100);
  });

  it('BackOff retries transient failures up to maxAttempts, and not a 400', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 4 }));
    const k = uniqueKey('backoff');
    const failing = await one(`${kit.url}/flaky/${k}?fail=100&status=503`, download);
    assert.equal(failing.attempts, 4);
    assert.equal(kit.server.hits(k), 4);
    const bad = await one(`${kit.url}/status/400?k=${uniqueKey('400')}`, download);
    assert.equal(bad.attempts, 1);
  });

  it('BackOff retries a connection reset and a stalled body', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 3, idleTimeout: 150 }));
    const reset = await one(`${kit.url}/reset?size=5000&after=1000&k=${uniqueKey('r')}`, download);
    assert.equal(reset.attempts, 3);
    assert.equal(reset.error?.code, 'ERR_DROVER_READ');
    const stalled = await one(`${kit.url}/stall?size=5000&after=100&k=${uniqueKey('s')}`, download);
    assert.equal(stalled.attempts, 3);
    assert.ok(stalled.error instanceof TimeoutError && stalled.error.phase === 'idle');
  });

  it('BackOff waits 250 ms, 500 ms, 1 s ... capped at maxSleep by default', () => {
    const strategy = new BackOff();
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((attempts) =>
      strategy.getSleepTime({ attempts } as Bundle),
    );
    assert.deepEqual(waits, [250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000]);
    assert.equal(strategy.maxAttempts, 10);
  });

  it('Jitter never waits more than the back-off step or the cap', () => {
    const strategy = new Jitter({ sleep: 100, maxSleep: 1000 });
    for (let attempts = 1; attempts <= 12; attempts++) {
      for (let i = 0; i < 50; i++) {
        const wait = strategy.getSleepTime({ attempts } as Bundle);
        assert.ok(wait >= 0 && wait <= Math.min(1000, 100 * 2 ** (attempts - 1)), `${wait} at ${attempts}`);
      }
    }
  });

  it('429 and 503 honour Retry-After in seconds and as an HTTP-date, bounded by maxSleep', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 3, maxSleep: 1500 }));
    const delays: number[] = [];
    download.on('retry', ({ delay }) => delays.push(delay));
    const seconds = await one(`${kit.url}/retry-after/${uniqueKey('ra')}?fail=1&seconds=1`, download);
    assert.equal(seconds.status, 'written');
    assert.equal(delays.at(-1), 1000);
    const date = await one(`${kit.url}/retry-after/${uniqueKey('rd')}?fail=1&status=503&date=1`, download);
    assert.equal(date.status, 'written');
    assert.ok((delays.at(-1) as number) > 0 && (delays.at(-1) as number) <= 1500, `${delays.at(-1)}`);
    const capped = await one(`${kit.url}/retry-after/${uniqueKey('rc')}?fail=1&seconds=3600`, download);
    assert.equal(capped.status, 'written');
    assert.equal(delays.at(-1), 1500);
  });

  it('a strategy saying yes forever still stops at maxAttempts', async (t) => {
    class Always extends RequestStrategy {
      override retry(): boolean {
        return true;
      }
    }
    const home = await tempHome(t);
    const k = uniqueKey('always');
    const bundle = await one(
      `${kit.url}/flaky/${k}?fail=100`,
      coordinator(t, home, new Always({ maxAttempts: 3 })),
    );
    assert.equal(bundle.attempts, 3);
    assert.equal(kit.server.hits(k), 3);
  });
});
