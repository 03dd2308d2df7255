import type { Readable } from 'node:stream';
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { HttpError } from '../errors/http-error.js';
import { expectBoolean, expectInteger, expectNumber } from '../validate.js';

/** Options of {@link RequestStrategy} and its subclasses. Every time is in milliseconds. */
export interface RequestStrategyOptions {
  /**
   * Bundles in flight at once across the coordinator (request and body write).
   * @default 2
   * @example new BackOff({ concurrent: 16 })
   */
  readonly concurrent?: number;
  /**
   * At most this many HTTP requests per bundle, first one included.
   * @default 1 (5 for `Lenient`, 10 for `BackOff` and `Jitter`)
   */
  readonly maxAttempts?: number;
  /** Total deadline of one attempt, headers and body. @default 60_000 */
  readonly timeout?: number;
  /** Longest wait for response headers. @default the `timeout` */
  readonly headersTimeout?: number;
  /** Longest silence between two body chunks. @default 30_000, and never more than `timeout` */
  readonly idleTimeout?: number;
  /** Bundles in flight at once per origin (scheme, host and port). @default Infinity */
  readonly limitPerHost?: number;
  /** Least time between two request starts, across the coordinator. @default 0 (250 for `Lenient`) */
  readonly minTime?: number;
  /** The planned wait between attempts. @default 0 (60_000 for `Lenient`; first back-off step for `BackOff`, 250) */
  readonly sleep?: number;
  /** No wait between attempts is longer than this, `Retry-After` included. @default 60_000 */
  readonly maxSleep?: number;
  /**
   * Retry POST and PATCH requests even after they may have reached the server. Without it they are
   * retried only when they failed before any byte was sent.
   * @default false
   */
  readonly retryNonIdempotent?: boolean;
  /** Redirects followed per request. @default 10 */
  readonly maxRedirects?: number;
  /**
   * Statuses worth another attempt. When set, an `HttpError` is retried exactly when its status is
   * listed (other failures keep the strategy's own rule), and the base strategy retries them too.
   * @default undefined (the strategy's own rule)
   * @example new BackOff({ retryOn: [500, 502, 503, 504, 429, 409] })
   */
  readonly retryOn?: readonly number[];
  /**
   * Largest body accepted, in bytes after decoding; a larger one fails with `TooLargeError` (this is
   * also what stops a gzip bomb).
   * @default Infinity
   */
  readonly maxContentLength?: number;
}

/** {@link RequestStrategyOptions} with every default applied. */
export type NormalizedRequestStrategyOptions = Required<Omit<RequestStrategyOptions, 'retryOn'>> & {
  readonly retryOn: ReadonlySet<number> | undefined;
};

/** What a strategy sees of a response: axios' response, with the body as a stream. */
export type StrategyResponse = AxiosResponse<Readable>;

function normalize(options: RequestStrategyOptions): NormalizedRequestStrategyOptions {
  const timeout = expectNumber('timeout', options.timeout ?? 60_000, 1);
  return {
    concurrent: expectInteger('concurrent', options.concurrent ?? 2, 1, true),
    maxAttempts: expectInteger('maxAttempts', options.maxAttempts ?? 1, 1),
    timeout,
    headersTimeout: expectNumber('headersTimeout', options.headersTimeout ?? timeout, 1),
    idleTimeout: expectNumber('idleTimeout', options.idleTimeout ?? Math.min(30_000, timeout), 1),
    limitPerHost: expectInteger('limitPerHost', options.limitPerHost ?? Infinity, 1, true),
    minTime: expectNumber('minTime', options.minTime ?? 0, 0),
    sleep: expectNumber('sleep', options.sleep ?? 0, 0),
    maxSleep: expectNumber('maxSleep', options.maxSleep ?? 60_000, 0),
    retryNonIdempotent: expectBoolean('retryNonIdempotent', options.retryNonIdempotent ?? false),
    maxRedirects: expectInteger('maxRedirects', options.maxRedirects ?? 10, 0),
    retryOn: options.retryOn === undefined ? undefined : new Set(options.retryOn),
    maxContentLength: expectInteger('maxContentLength', options.maxContentLength ?? Infinity, 0, true),
  };
}

/**
 * How to request: limits, timeouts, what counts as success, whether and when to try again.
 *
 * The base strategy makes one attempt per bundle (it never retries) with 2 bundles in flight and a
 * 60 s deadline. Subclass it and override one method; the coordinator keeps the rest working:
 * `maxAttempts` and the rule that a POST that may have reached the server is not repeated are
 * enforced by the coordinator, whatever `retry` answers.
 *
 * @example
 * class RetryBadRequests extends RequestStrategy {
 *   override retry(bundle: Bundle, failure: DroverError) { return failure instanceof HttpError && failure.status === 400; }
 *   override getSleepTime() { return Math.random() * 100; }
 * }
 */
export class RequestStrategy {
  /** The options in force, defaults applied. */
  readonly options: NormalizedRequestStrategyOptions;

  constructor(options: RequestStrategyOptions = {}) {
    this.options = normalize(options);
  }

  /** Bundles in flight at once. */
  get concurrent(): number {
    return this.options.concurrent;
  }

  /** Most requests per bundle. */
  get maxAttempts(): number {
    return this.options.maxAttempts;
  }

  /** Throw when the response is not a success. The base throws an `HttpError` for status >= 400. */
  assertResponse(response: StrategyResponse, bundle: Bundle): void {
    if (response.status >= 400) {
      throw HttpError.fromResponse(response, {
        url: String(response.config?.url ?? bundle.url),
        method: bundle.method,
      });
    }
  }

  /**
   * Should this failure be tried again? Only asked while attempts remain. The base retries only
   * statuses listed in `retryOn`.
   */
  retry(_bundle: Bundle, failure: DroverError): boolean {
    return this.retryableStatus(failure) ?? false;
  }

  /**
   * `retryOn`'s verdict on an `HttpError`: `true` or `false` when the option is set and the failure
   * is an `HttpError`, `undefined` otherwise (let the strategy's own rule decide).
   */
  protected retryableStatus(failure: DroverError): boolean | undefined {
    const listed = this.options.retryOn;
    return listed !== undefined && failure instanceof HttpError ? listed.has(failure.status) : undefined;
  }

  /**
   * Milliseconds to wait before the next attempt: the larger of {@link plannedSleep} and the
   * server's `Retry-After`, never above `maxSleep`.
   */
  getSleepTime(bundle: Bundle, failure?: DroverError): number {
    const planned = this.plannedSleep(bundle);
    const hinted = failure instanceof HttpError ? failure.retryAfter : undefined;
    return Math.min(this.options.maxSleep, Math.max(planned, hinted ?? 0));
  }

  /** The strategy's own wait after `bundle.attempts` attempts, before `Retry-After` and the cap. */
  protected plannedSleep(_bundle: Bundle): number {
    return this.options.sleep;
  }

  /**
   * The request for the next attempt, as an axios config. Override to change the URL or headers
   * between attempts (say, a mirror list); keep `url`, `method`, `headers` and `data` semantics. The
   * undici transport (the default) also honours `params` and `auth` and refuses other axios options
   * by name (docs/transports.md); the axios transport takes them all.
   */
  requestConfig(bundle: Bundle): AxiosRequestConfig {
    const urls = [bundle.url, ...bundle.mirrors];
    const url = urls[Math.max(0, bundle.attempts - 1) % urls.length] ?? bundle.url;
    return { url, method: bundle.method, headers: { ...bundle.headers }, data: bundle.data };
  }
}
