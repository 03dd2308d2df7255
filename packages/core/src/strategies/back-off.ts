import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { expectNumber } from '../validate.js';
import { RequestStrategy, type RequestStrategyOptions } from './request-strategy.js';

/** Options of {@link BackOff} and {@link Jitter}. */
export interface BackOffOptions extends RequestStrategyOptions {
  /**
   * Each wait is this many times the one before; at least 1 (1 waits `sleep` every time).
   * @default 2
   * @example new BackOff({ sleep: 100, factor: 3 }) // 100 ms, 300 ms, 900 ms ...
   */
  readonly factor?: number;
}

/**
 * Exponential back-off for transient failures only (network errors, timeouts, bodies cut short,
 * 408, 425, 429, 500, 502, 503, 504): up to 10 attempts, waiting 250 ms, 500 ms, 1 s, 2 s ... capped
 * at `maxSleep` (60 s). `sleep` sets the first step. A `Retry-After` longer than the planned wait wins,
 * up to the cap. aiohttp-retry's `ExponentialRetry`.
 *
 * @example new BackOff({ sleep: 10, maxSleep: 100, maxAttempts: 4 }) // waits 10, 20, 40 ms
 */
export class BackOff extends RequestStrategy {
  /** The growth factor between two waits. */
  readonly factor: number;

  constructor(options: BackOffOptions = {}) {
    super({ maxAttempts: 10, sleep: 250, ...options });
    this.factor = expectNumber('factor', options.factor ?? 2, 1);
  }

  override retry(_bundle: Bundle, failure: DroverError): boolean {
    return this.listedVerdict(failure) ?? failure.transient;
  }

  /** `sleep × factor^(attempts − 1)`, capped at `maxSleep`. */
  protected override plannedSleep(bundle: Bundle): number {
    const { sleep, maxSleep } = this.options;
    // 0 × Infinity is NaN once factor^n overflows (n > 1023 for factor 2): a zero step stays zero.
    if (sleep === 0) return 0;
    const exponent = Math.max(0, bundle.attempts - 1);
    return Math.min(maxSleep, sleep * this.factor ** exponent);
  }
}
