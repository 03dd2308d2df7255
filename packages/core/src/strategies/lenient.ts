import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { isHttpError } from '../errors/guards.js';
import { RequestStrategy, type RequestStrategyOptions } from './request-strategy.js';

/**
 * aiodownload's default: 2 bundles in flight, request starts at least 250 ms apart, up to 5
 * attempts 60 s apart. Every refused status is retried except a 404 (when a server says a thing is
 * not there, believe it); any other failure is retried when it is transient (`error.transient`), so
 * what cannot get better (an unknown host, a TLS certificate refused, a protocol violation, a disk
 * or redirect failure, a closed coordinator) is not.
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
    if (isHttpError(failure)) return failure.status !== 404;
    return failure.transient;
  }
}
