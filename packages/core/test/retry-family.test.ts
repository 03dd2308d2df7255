// The aiohttp-retry family (Fixed, BackOff, Jitter, ListDelays, Fibonacci, RandomDelay) and the
// `statuses` / `exceptions` options: exact planned waits, exact attempt counts against the testkit
// (on the transport DROVER_TRANSPORT selects), and the option checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BackOff,
  Bundle,
  DroverError,
  type DroverErrorClass,
  Fibonacci,
  FileSystemError,
  Fixed,
  HttpError,
  Jitter,
  ListDelays,
  type ListDelaysOptions,
  NetworkError,
  one,
  RandomDelay,
  type RandomDelayOptions,
  RequestStrategy,
  type RequestStrategyOptions,
  type RetryableFailure,
  TimeoutError,
} from '@drover/core';
import { coordinator, tempHome, uniqueKey, useServer } from './helpers.js';

const url = 'http://127.0.0.1/x';
const serverError = new HttpError(500, { url });

/** The waits `strategy` plans after attempts 1..n of one bundle. */
function waits(strategy: RequestStrategy, n: number, failure: DroverError = serverError): number[] {
  const bundle = new Bundle(url);
  return Array.from({ length: n }, (_, i) => {
    bundle.attempts = i + 1;
    return strategy.getSleepTime(bundle, failure);
  });
}

/** Draw `samples` waits at every attempt 1..n and check each against `[low(n), high(n)]`. */
function assertWithin(
  strategy: RequestStrategy,
  n: number,
  bounds: (attempt: number) => [number, number],
): void {
  const bundle = new Bundle(url);
  for (let attempt = 1; attempt <= n; attempt++) {
    bundle.attempts = attempt;
    const [low, high] = bounds(attempt);
    for (let i = 0; i < 200; i++) {
      const wait = strategy.getSleepTime(bundle, serverError);
      assert.ok(wait >= low && wait <= high, `${wait} outside [${low}, ${high}] at attempt ${attempt}`);
    }
  }
}

describe('retry family: planned waits', () => {
  it('Fixed waits `sleep` every time (1 s by default, 10 attempts), capped at maxSleep', () => {
    assert.deepEqual(waits(new Fixed(), 9), Array(9).fill(1000));
    assert.equal(new Fixed().maxAttempts, 10);
    assert.deepEqual(waits(new Fixed({ sleep: 20 }), 4), [20, 20, 20, 20]);
    assert.deepEqual(waits(new Fixed({ sleep: 5000, maxSleep: 300 }), 3), [300, 300, 300]);
  });

  it('BackOff doubles from `sleep`, capped; a zero step stays zero past the float range', () => {
    assert.deepEqual(waits(new BackOff({ sleep: 10, maxSleep: 100 }), 6), [10, 20, 40, 80, 100, 100]);
    assert.deepEqual(waits(new BackOff({ sleep: 1, factor: 3 }), 4), [1, 3, 9, 27]);
    const late = new Bundle(url);
    late.attempts = 5000;
    assert.equal(new BackOff({ sleep: 0 }).getSleepTime(late, serverError), 0);
    assert.equal(new BackOff({ sleep: 1, maxSleep: 700 }).getSleepTime(late, serverError), 700);
  });

  it('Jitter stays in [0, back-off step] and under maxSleep, over many samples', () => {
    assertWithin(new Jitter({ sleep: 10, maxSleep: 300 }), 12, (n) => [0, Math.min(300, 10 * 2 ** (n - 1))]);
    const spread = new Set(waits(new Jitter({ sleep: 1000 }), 50).map(Math.round));
    assert.ok(spread.size > 1, 'full jitter draws different waits');
  });

  it('ListDelays waits delays[n − 1], then repeats the last; attempts default to length + 1', () => {
    const list = new ListDelays({ delays: [10, 0, 20] });
    assert.deepEqual(waits(list, 6), [10, 0, 20, 20, 20, 20]);
    assert.equal(list.maxAttempts, 4);
    assert.deepEqual(list.delays, [10, 0, 20]);
    assert.equal(new ListDelays({ delays: [90_000] }).options.maxSleep, 90_000, 'the list is honoured');
    assert.deepEqual(waits(new ListDelays({ delays: [90_000, 5], maxSleep: 1000 }), 2), [1000, 5]);
  });

  it('Fibonacci waits sleep × 1, 1, 2, 3, 5, 8 ..., capped, 10 attempts by default', () => {
    assert.deepEqual(waits(new Fibonacci(), 9), [250, 250, 500, 750, 1250, 2000, 3250, 5250, 8500]);
    assert.equal(new Fibonacci().maxAttempts, 10);
    assert.deepEqual(
      waits(new Fibonacci({ sleep: 10, maxSleep: 100 }), 9),
      [10, 10, 20, 30, 50, 80, 100, 100, 100],
    );
    const late = new Bundle(url);
    late.attempts = 1_000_000;
    assert.equal(new Fibonacci({ sleep: 1 }).getSleepTime(late, serverError), 60_000);
    assert.equal(new Fibonacci({ sleep: 0 }).getSleepTime(late, serverError), 0);
  });

  it("Fibonacci is stateless per bundle: one bundle's retries never lengthen another's", () => {
    const strategy = new Fibonacci({ sleep: 10 });
    const [a, b] = [new Bundle(`${url}/a`), new Bundle(`${url}/b`)];
    const seen: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      a.attempts = attempt;
      seen.push(strategy.getSleepTime(a, serverError));
      b.attempts = 1;
      assert.equal(strategy.getSleepTime(b, serverError), 10, 'b is still at its first wait');
    }
    assert.deepEqual(seen, [10, 10, 20, 30, 50]);
  });

  it('RandomDelay stays in minSleep .. maxSleep (100 .. 3000 by default), over many samples', () => {
    const strategy = new RandomDelay();
    assert.equal(strategy.minSleep, 100);
    assert.equal(strategy.options.maxSleep, 3000);
    assert.equal(strategy.maxAttempts, 10);
    assertWithin(strategy, 5, () => [100, 3000]);
    assertWithin(new RandomDelay({ minSleep: 5, maxSleep: 15 }), 5, () => [5, 15]);
    assert.deepEqual(waits(new RandomDelay({ minSleep: 7, maxSleep: 7 }), 3), [7, 7, 7]);
  });

  it('Retry-After beats a shorter planned wait, up to maxSleep, for the family too', () => {
    const hinted = new HttpError(429, { url, retryAfter: 500 });
    assert.deepEqual(waits(new Fixed({ sleep: 10 }), 2, hinted), [500, 500]);
    assert.deepEqual(waits(new ListDelays({ delays: [10], maxSleep: 200 }), 1, hinted), [200]);
    assert.deepEqual(waits(new Fibonacci({ sleep: 1000 }), 1, hinted), [1000]);
  });
});

describe('retry family: which failures are retried', () => {
  const bundle = new Bundle(url);
  const timeout = new TimeoutError('idle', 30, { url });
  const reset = new NetworkError('reset', { url, transient: true });
  const disk = new FileSystemError('/x', { url, cause: new Error('EACCES') });
  const strategies = (options: RequestStrategyOptions = {}): RequestStrategy[] => [
    new Fixed(options),
    new BackOff(options),
    new Jitter(options),
    new ListDelays({ delays: [1], ...options }),
    new Fibonacci(options),
    new RandomDelay(options),
  ];

  it('by default: transient failures only', () => {
    for (const strategy of strategies()) {
      const verdicts = [serverError, new HttpError(404, { url }), timeout, reset, disk].map((failure) =>
        strategy.retry(bundle, failure),
      );
      assert.deepEqual(verdicts, [true, false, true, true, false], strategy.constructor.name);
    }
  });

  it('`statuses` decides HTTP statuses exactly; other failures keep the default rule', () => {
    for (const strategy of strategies({ statuses: [404] })) {
      assert.equal(strategy.retry(bundle, new HttpError(404, { url })), true);
      assert.equal(strategy.retry(bundle, serverError), false);
      assert.equal(strategy.retry(bundle, timeout), true);
    }
    assert.equal(
      new RequestStrategy({ statuses: new Set([503]) }).retry(bundle, new HttpError(503, { url })),
      true,
    );
  });

  it('`exceptions` decides other failures by code or class; HTTP statuses keep the default rule', () => {
    for (const strategy of strategies({ exceptions: ['ERR_DROVER_TIMEOUT'] })) {
      assert.deepEqual(
        [timeout, reset, serverError].map((failure) => strategy.retry(bundle, failure)),
        [true, false, true],
      );
    }
    const byClass = new RequestStrategy({ exceptions: [NetworkError, FileSystemError] });
    assert.deepEqual(
      [reset, disk, timeout, serverError].map((failure) => byClass.retry(bundle, failure)),
      [true, true, false, false],
    );
    assert.equal(
      new Fixed({ exceptions: [DroverError] }).retry(bundle, disk),
      true,
      'the root class matches all',
    );
  });

  it('`retryOn` is an alias of `statuses`', () => {
    const strategy = new Fixed({ retryOn: [409] });
    assert.deepEqual([...(strategy.options.statuses ?? [])], [409]);
    assert.equal(strategy.options.retryOn, strategy.options.statuses);
    assert.equal(strategy.retry(bundle, new HttpError(409, { url })), true);
    assert.ok(new Fixed({ statuses: [409, 410], retryOn: new Set([410, 409]) }));
  });
});

describe('retry family: option checks name the bad value', () => {
  const check = (make: () => unknown, message: string) => assert.throws(make, { name: 'TypeError', message });
  const statusesMessage = 'Expected `statuses` to be an array of HTTP status codes (100–599), got';

  it('statuses and retryOn', () => {
    const loose = (options: Record<string, unknown>) => new Fixed(options as RequestStrategyOptions);
    check(() => loose({ statuses: '500' }), `${statusesMessage} \`"500"\` (string)`);
    check(
      () => loose({ retryOn: '500' }),
      'Expected `retryOn` to be an array of HTTP status codes (100–599), got `"500"` (string)',
    );
    check(() => loose({ statuses: 500 }), `${statusesMessage} \`500\` (number)`);
    check(() => new Fixed({ statuses: [500, 99] }), `${statusesMessage} \`99\` (number) at index 1`);
    check(() => new Fixed({ statuses: [500.5] }), `${statusesMessage} \`500.5\` (number) at index 0`);
    check(() => loose({ statuses: ['502'] }), `${statusesMessage} \`"502"\` (string) at index 0`);
    check(
      () => new Fixed({ statuses: [500], retryOn: [502] }),
      'Expected one of `statuses` and `retryOn` (its alias), got both: `[500]` (object) and `[502]` (object)',
    );
  });

  it('exceptions', () => {
    const loose = (exceptions: unknown) => new Fixed({ exceptions: exceptions as RetryableFailure[] });
    const expected =
      'Expected `exceptions` to be an array of drover error codes (such as "ERR_DROVER_TIMEOUT") or DroverError classes, got';
    check(() => loose('ERR_DROVER_TIMEOUT'), `${expected} \`"ERR_DROVER_TIMEOUT"\` (string)`);
    check(() => loose(['ERR_DROVER_TIMEOUTS']), `${expected} \`"ERR_DROVER_TIMEOUTS"\` (string) at index 0`);
    check(() => loose([TimeoutError, RangeError]), `${expected} \`RangeError\` (function) at index 1`);
    const httpMessage =
      'Expected `exceptions` to name failures other than HTTP statuses (list those in `statuses`), got';
    check(() => loose([HttpError]), `${httpMessage} \`HttpError\` (function) at index 0`);
    check(
      () => loose(['ERR_DROVER_HTTP_STATUS']),
      `${httpMessage} \`"ERR_DROVER_HTTP_STATUS"\` (string) at index 0`,
    );
  });

  it('delays and minSleep', () => {
    const expected = 'Expected `delays` to be a non-empty array of finite numbers >= 0 (milliseconds), got';
    const loose = (delays: unknown) => new ListDelays({ delays } as ListDelaysOptions);
    check(() => loose(undefined), `${expected} \`undefined\` (undefined)`);
    check(() => loose([]), `${expected} \`[]\` (object)`);
    check(() => loose('10,20'), `${expected} \`"10,20"\` (string)`);
    check(() => loose([10, -1]), `${expected} \`-1\` (number) at index 1`);
    check(() => loose([Infinity]), `${expected} \`Infinity\` (number) at index 0`);
    check(() => loose([Number.NaN]), `${expected} \`NaN\` (number) at index 0`);
    check(
      () => new RandomDelay({ minSleep: 5000 }),
      'Expected `minSleep` to be at most `maxSleep` (3000), got `5000` (number)',
    );
    check(
      () => new RandomDelay({ minSleep: -1 }),
      'Expected `minSleep` to be a finite number >= 0, got `-1` (number)',
    );
  });

  it('types: statuses take numbers, exceptions take codes and DroverError classes', () => {
    const compileOnly = () => {
      // @ts-expect-error a string is not a list of statuses
      new Fixed({ statuses: '500' });
      // @ts-expect-error HTTP statuses go in `statuses`
      new Fixed({ exceptions: ['ERR_DROVER_HTTP_STATUS'] });
      // @ts-expect-error not a drover error code
      new Fixed({ exceptions: ['ECONNRESET'] });
      // @ts-expect-error ListDelays needs its delays
      new ListDelays({});
    };
    const classes: DroverErrorClass[] = [TimeoutError, NetworkError, DroverError];
    const rules: RetryableFailure[] = ['ERR_DROVER_READ', ...classes];
    assert.equal(typeof compileOnly, 'function');
    assert.equal(new Fixed({ exceptions: rules, statuses: new Set([429]) }).options.exceptions?.length, 4);
  });
});

describe('retry family: attempt counts against the testkit', () => {
  const kit = useServer();
  const family = (): [string, RandomDelayOptions, (options: RandomDelayOptions) => RequestStrategy][] => [
    ['Fixed', { sleep: 2 }, (o) => new Fixed(o)],
    ['BackOff', { sleep: 1 }, (o) => new BackOff(o)],
    ['Jitter', { sleep: 4 }, (o) => new Jitter(o)],
    ['ListDelays', {}, (o) => new ListDelays({ delays: [1, 3, 2], ...o })],
    ['Fibonacci', { sleep: 2 }, (o) => new Fibonacci(o)],
    ['RandomDelay', { minSleep: 1, maxSleep: 5 }, (o) => new RandomDelay(o)],
  ];

  it('each retries a 500 until it passes, and stops at maxAttempts', async (t) => {
    const home = await tempHome(t);
    for (const [name, timing, make] of family()) {
      const passes = uniqueKey(`${name}-passes`);
      const download = coordinator(t, home, make({ ...timing, maxAttempts: 4 }));
      const written = await one(`${kit.url}/flaky/${passes}?fail=2&size=8`, download);
      assert.equal(written.status, 'written', name);
      assert.equal(written.attempts, 3, name);
      assert.equal(kit.server.hits(passes), 3, name);
      const capped = uniqueKey(`${name}-capped`);
      const failed = await one(`${kit.url}/flaky/${capped}?fail=9`, download);
      assert.equal(failed.status, 'failed', name);
      assert.equal(kit.server.hits(capped), 4, `${name}: maxAttempts 4 means 4 requests`);
      assert.equal((failed.error as HttpError).status, 500);
    }
  });

  it('each gives up on a 404 at once, unless `statuses` lists it', async (t) => {
    const home = await tempHome(t);
    for (const [name, timing, make] of family()) {
      const plain = uniqueKey(`${name}-404`);
      const download = coordinator(t, home, make({ ...timing, maxAttempts: 3 }));
      await one(`${kit.url}/flaky/${plain}?fail=1&status=404`, download);
      assert.equal(kit.server.hits(plain), 1, name);
      const listed = uniqueKey(`${name}-404-listed`);
      const retrying = coordinator(t, home, make({ ...timing, maxAttempts: 3, statuses: [404] }));
      const bundle = await one(`${kit.url}/flaky/${listed}?fail=1&status=404&size=4`, retrying);
      assert.equal(bundle.status, 'written', name);
      assert.equal(kit.server.hits(listed), 2, name);
    }
  });

  it('the coordinator waits exactly what the strategy planned', async (t) => {
    const home = await tempHome(t);
    const cases: [RequestStrategy, number[]][] = [
      [new ListDelays({ delays: [3, 7, 1] }), [3, 7, 1]],
      [new Fibonacci({ sleep: 2 }), [2, 2, 4]],
      [new Fixed({ sleep: 5 }), [5, 5, 5]],
      [new BackOff({ sleep: 2 }), [2, 4, 8]],
    ];
    for (const [strategy, expected] of cases) {
      const download = coordinator(t, home, strategy);
      const delays: number[] = [];
      download.on('retry', ({ delay }) => delays.push(delay));
      const key = uniqueKey(strategy.constructor.name);
      const bundle = await one(`${kit.url}/flaky/${key}?fail=3&size=4`, download);
      assert.equal(bundle.status, 'written');
      assert.deepEqual(delays, expected, strategy.constructor.name);
      assert.equal(kit.server.hits(key), 4);
    }
  });

  it('ListDelays stops when its list runs out (default maxAttempts)', async (t) => {
    const home = await tempHome(t);
    const key = uniqueKey('list-out');
    const bundle = await one(
      `${kit.url}/flaky/${key}?fail=9`,
      coordinator(t, home, new ListDelays({ delays: [1, 2] })),
    );
    assert.equal(bundle.status, 'failed');
    assert.equal(kit.server.hits(key), 3);
  });

  it('`exceptions` decides a connection reset; `statuses` cannot make a POST repeat', async (t) => {
    const home = await tempHome(t);
    const notListed = uniqueKey('reset-not-listed');
    const onlyTimeouts = coordinator(
      t,
      home,
      new Fixed({ sleep: 1, maxAttempts: 3, exceptions: [TimeoutError] }),
    );
    const refused = await one(`${kit.url}/flaky/${notListed}?fail=1&mode=reset`, onlyTimeouts);
    assert.equal(refused.status, 'failed');
    assert.equal(kit.server.hits(notListed), 1);
    const listed = uniqueKey('reset-listed');
    const network = new Fixed({
      sleep: 1,
      maxAttempts: 3,
      exceptions: ['ERR_DROVER_NETWORK', 'ERR_DROVER_READ'],
    });
    const passed = await one(
      `${kit.url}/flaky/${listed}?fail=1&mode=reset&size=4`,
      coordinator(t, home, network),
    );
    assert.equal(passed.status, 'written');
    assert.equal(kit.server.hits(listed), 2);
    const post = uniqueKey('post');
    const eager = coordinator(t, home, new Fixed({ sleep: 1, maxAttempts: 3, statuses: [500] }));
    const posted = await one(
      new Bundle(`${kit.url}/flaky/${post}?fail=2`, { method: 'POST', data: 'x' }),
      eager,
    );
    assert.equal(posted.status, 'failed');
    assert.equal(kit.server.hits(post), 1, 'a POST the server answered is not repeated');
  });
});
