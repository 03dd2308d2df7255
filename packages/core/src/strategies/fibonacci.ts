import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { RequestStrategy, type RequestStrategyOptions } from './request-strategy.js';

/**
 * Waits that grow like the Fibonacci sequence: `sleep × fib(attempts)` with fib 1, 1, 2, 3, 5, 8 ...,
 * so 250 ms, 250 ms, 500 ms, 750 ms, 1.25 s, 2 s ... by default, capped at `maxSleep` (60 s). Slower
 * growth than `BackOff`'s doubling. Transient failures only, up to 10 attempts.
 *
 * The wait depends on the bundle's own `attempts` alone: one strategy serves every bundle of a
 * coordinator, and one bundle's retries never lengthen another's (aiohttp-retry's `FibonacciRetry`
 * keeps its sequence in the strategy, so concurrent requests push each other's waits up).
 *
 * @example new Fibonacci({ sleep: 100, maxSleep: 1_000 }) // 100, 100, 200, 300, 500, 800, 1000 ms
 */
export class Fibonacci extends RequestStrategy {
  constructor(options: RequestStrategyOptions = {}) {
    super({ maxAttempts: 10, sleep: 250, ...options });
  }

  override retry(_bundle: Bundle, failure: DroverError): boolean {
    return this.listedVerdict(failure) ?? failure.transient;
  }

  /** `sleep × fib(attempts)`, capped at `maxSleep`. */
  protected override plannedSleep(bundle: Bundle): number {
    const { sleep, maxSleep } = this.options;
    if (sleep === 0) return 0;
    let [current, next] = [1, 1];
    // Stop once the cap is reached, so a huge attempt count costs no more than a few dozen steps.
    for (let n = 1; n < bundle.attempts && sleep * current < maxSleep; n++) {
      [current, next] = [next, current + next];
    }
    return Math.min(maxSleep, sleep * current);
  }
}
