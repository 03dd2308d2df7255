import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { expectNumber } from '../validate.js';
import { RequestStrategy, type RequestStrategyOptions } from './request-strategy.js';

/** Options of {@link BackOff} and {@link Jitter}. */
export interface BackOffOptions extends RequestStrategyOptions {
  /** Each wait is this many times the one before. @default 2 */
  readonly factor?: number;
}

/**
 * Exponential back-off for transient failures only (network errors, timeouts, bodies cut short,
 * 408, 425, 429, 500, 502, 503, 504): up to 10 attempts, waiting 250 ms, 500 ms, 1 s, 2 s ... capped
 * at `maxSleep` (60 s). `sleep` sets the first step. A `Retry-After` longer than the planned wait wins,
 * up to the cap.
 *
 * @example new BackOff({ sleep: 10, maxSleep: 100, maxAttempts: 4 })
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
    const exponent = Math.max(0, bundle.attempts - 1);
    return Math.min(this.options.maxSleep, this.options.sleep * this.factor ** exponent);
  }
}
