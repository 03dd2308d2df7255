import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { RequestStrategy, type RequestStrategyOptions } from './request-strategy.js';
import { describeValue } from './retry-rules.js';

/** Options of {@link ListDelays}. */
export interface ListDelaysOptions extends RequestStrategyOptions {
  /**
   * The waits, in order: after attempt n fails, wait `delays[n − 1]` before attempt n + 1. A
   * non-empty array of finite numbers >= 0 (milliseconds).
   * @example new ListDelays({ delays: [100, 1_000, 10_000] })
   */
  readonly delays: readonly number[];
}

/**
 * The waits spelled out: `delays[n − 1]` after attempt n (aiohttp-retry's `ListRetry`), for
 * transient failures only.
 *
 * The list is the whole schedule: `maxAttempts` defaults to `delays.length + 1` (a first attempt,
 * then one per delay), so retries stop when the list runs out. Ask for more attempts and the last
 * delay repeats (`[100, 1_000, 10_000]` with `maxAttempts: 10`: 100 ms, 1 s, then every 10 s).
 * `maxSleep` defaults to the longest delay when that is above 60 s, so the list is honoured as
 * written; a `maxSleep` given explicitly caps it.
 *
 * @example new ListDelays({ delays: [500, 2_000, 5_000] }) // 4 attempts: waits 0.5 s, 2 s, 5 s
 */
export class ListDelays extends RequestStrategy {
  /** The waits, in order (a frozen copy of the option). */
  readonly delays: readonly number[];

  constructor(options: ListDelaysOptions) {
    const delays = parseDelays(options?.delays);
    super({ maxAttempts: delays.length + 1, maxSleep: Math.max(60_000, ...delays), ...options });
    this.delays = delays;
  }

  override retry(_bundle: Bundle, failure: DroverError): boolean {
    return this.listedVerdict(failure) ?? failure.transient;
  }

  /** `delays[attempts − 1]`; the last delay once the list is used up. */
  protected override plannedSleep(bundle: Bundle): number {
    const index = Math.min(Math.max(bundle.attempts, 1), this.delays.length) - 1;
    return this.delays[index] ?? 0;
  }
}

function parseDelays(value: unknown): readonly number[] {
  const expected = 'Expected `delays` to be a non-empty array of finite numbers >= 0 (milliseconds), got';
  if (!Array.isArray(value) || value.length === 0) throw new TypeError(`${expected} ${describeValue(value)}`);
  for (const [index, delay] of value.entries()) {
    if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0) {
      throw new TypeError(`${expected} ${describeValue(delay)} at index ${index}`);
    }
  }
  return Object.freeze([...(value as readonly number[])]);
}
