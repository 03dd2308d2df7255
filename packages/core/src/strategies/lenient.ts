import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { HttpError } from '../errors/http-error.js';
import { RequestStrategy, type RequestStrategyOptions } from './request-strategy.js';

/** Failures that come from talking to the server, as opposed to the disk or the caller's input. */
const REQUEST_FAILURES = new Set([
  'ERR_DROVER_HTTP_STATUS',
  'ERR_DROVER_NETWORK',
  'ERR_DROVER_TIMEOUT',
  'ERR_DROVER_READ',
]);

/**
 * aiodownload's default: 2 bundles in flight, request starts at least 250 ms apart, up to 5
 * attempts 60 s apart. Every failed request is retried except a 404 (when a server says a thing is
 * not there, believe it). Disk and redirect failures are not retried.
 *
 * @example new Lenient({ sleep: 20 }) // the same policy, 20 ms between attempts (for tests)
 */
export class Lenient extends RequestStrategy {
  constructor(options: RequestStrategyOptions = {}) {
    super({ maxAttempts: 5, minTime: 250, sleep: 60_000, ...options });
  }

  override retry(_bundle: Bundle, failure: DroverError): boolean {
    const listed = this.listedVerdict(failure);
    if (listed !== undefined) return listed;
    if (failure instanceof HttpError && failure.status === 404) return false;
    return REQUEST_FAILURES.has(failure.code);
  }
}
