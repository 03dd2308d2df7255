import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { expectNumber } from '../validate.js';
import { RequestStrategy, type RequestStrategyOptions } from './request-strategy.js';

/** Options of {@link RandomDelay}. */
export interface RandomDelayOptions extends RequestStrategyOptions {
  /**
   * The shortest wait; each wait is drawn uniformly between this and `maxSleep`. At most `maxSleep`.
   * @default 100
   * @example new RandomDelay({ minSleep: 500, maxSleep: 2_000 })
   */
  readonly minSleep?: number;
}

/**
 * A random wait between attempts, uniform in `minSleep` .. `maxSleep` (100 ms .. 3 s by default,
 * aiohttp-retry's `RandomRetry` bounds), for transient failures only, up to 10 attempts. `maxSleep`
 * still caps `Retry-After` too, so raise it for servers that ask for longer pauses.
 *
 * @example new RandomDelay({ minSleep: 1_000, maxSleep: 5_000 })
 */
export class RandomDelay extends RequestStrategy {
  /** The shortest wait. */
  readonly minSleep: number;

  constructor(options: RandomDelayOptions = {}) {
    super({ maxAttempts: 10, maxSleep: 3_000, ...options });
    const minSleep = expectNumber('minSleep', options.minSleep ?? 100, 0);
    if (minSleep > this.options.maxSleep) {
      throw new TypeError(
        `Expected \`minSleep\` to be at most \`maxSleep\` (${this.options.maxSleep}), got \`${minSleep}\` (number)`,
      );
    }
    this.minSleep = minSleep;
  }

  override retry(_bundle: Bundle, failure: DroverError): boolean {
    return this.listedVerdict(failure) ?? failure.transient;
  }

  /** Uniform in `minSleep` .. `maxSleep`. */
  protected override plannedSleep(_bundle: Bundle): number {
    return this.minSleep + Math.random() * (this.options.maxSleep - this.minSleep);
  }
}
