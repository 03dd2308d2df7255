import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { RequestStrategy, type RequestStrategyOptions } from './request-strategy.js';

/**
 * The same wait between every two attempts (`sleep`, 1 s by default, capped at `maxSleep`), for
 * transient failures only (network errors, timeouts, bodies cut short, 408, 425, 429, 500, 502,
 * 503, 504), up to 10 attempts. A longer `Retry-After` wins, up to `maxSleep`.
 *
 * @example new Fixed({ sleep: 2_000, maxAttempts: 4 }) // waits 2 s, 2 s, 2 s
 */
export class Fixed extends RequestStrategy {
  constructor(options: RequestStrategyOptions = {}) {
    super({ maxAttempts: 10, sleep: 1_000, ...options });
  }

  override retry(_bundle: Bundle, failure: DroverError): boolean {
    return this.listedVerdict(failure) ?? failure.transient;
  }

  /** `sleep`, whatever the attempt. */
  protected override plannedSleep(_bundle: Bundle): number {
    return this.options.sleep;
  }
}
