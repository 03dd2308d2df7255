import type { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { isHttpError } from '../errors/guards.js';
import { HttpError } from '../errors/http-error.js';
import type { DroverRequest, RequestBody } from '../http/request.js';
import type { DroverResponse } from '../http/response.js';
import { expectBoolean, expectInteger, expectNumber } from '../validate.js';
import { listedVerdict, mergeStatuses, parseExceptions, type RetryableFailure } from './retry-rules.js';

/** Options of {@link RequestStrategy} and its subclasses. Every time is in milliseconds. */
export interface RequestStrategyOptions {
  /**
   * Bundles in flight at once across the coordinator (request and body write).
   * @default 2
   * @example new BackOff({ concurrent: 16 })
   */
  readonly concurrent?: number;
  /**
   * At most this many HTTP requests per bundle, first one included. The coordinator enforces it,
   * whatever `retry` answers.
   * @default 1 (5 for `Lenient`; 10 for `BackOff`, `Jitter`, `Fixed`, `Fibonacci`, `RandomDelay`;
   * `delays.length + 1` for `ListDelays`)
   * @example new Fixed({ maxAttempts: 3 }) // one request and at most two retries
   */
  readonly maxAttempts?: number;
  /**
   * Total deadline of one attempt, headers and body. Off by default: a large download may take as
   * long as it needs while `headersTimeout`, `idleTimeout` and the low-speed guard keep it alive.
   * `0` (or `Infinity`) means off; values above ~24.8 days (2³¹ − 1 ms) are clamped to that.
   * @default 0 (off)
   * @example new BackOff({ timeout: 120_000 }) // pages that must come back within 2 minutes
   */
  readonly timeout?: number;
  /**
   * Longest wait for response headers, from the start of the attempt (connecting included). `0` off.
   * @default 30_000
   */
  readonly headersTimeout?: number;
  /**
   * Longest wait for a TCP/TLS connection (undici transport; on axios `headersTimeout` bounds it).
   * `0` off.
   * @default 10_000
   */
  readonly connectTimeout?: number;
  /** Longest silence between two body chunks. `0` off. @default 30_000 */
  readonly idleTimeout?: number;
  /**
   * The low-speed guard (curl's `--speed-limit`): an attempt whose body brings fewer than this many
   * bytes per second over a whole `lowSpeedTime` window fails with a `TimeoutError` (phase `speed`),
   * so a server that trickles forever cannot hold a bundle forever. `0` off.
   * @default 1024
   */
  readonly lowSpeedLimit?: number;
  /** The window of the low-speed guard, in milliseconds. `0` off. @default 30_000 */
  readonly lowSpeedTime?: number;
  /** Bundles in flight at once per origin (scheme, host and port). @default Infinity */
  readonly limitPerHost?: number;
  /** Least time between two request starts, across the coordinator. @default 0 (250 for `Lenient`) */
  readonly minTime?: number;
  /**
   * The planned wait between attempts: the constant one (base, `Lenient`, `Fixed`) or the first
   * step (`BackOff`, `Jitter`, `Fibonacci`). `ListDelays` and `RandomDelay` ignore it.
   * @default 0 (60_000 for `Lenient`; 1_000 for `Fixed`; 250 for `BackOff`, `Jitter`, `Fibonacci`)
   * @example new Fixed({ sleep: 500 })
   */
  readonly sleep?: number;
  /**
   * No wait between attempts is longer than this, `Retry-After` included. `RandomDelay` draws its
   * waits up to it.
   * @default 60_000 (3_000 for `RandomDelay`; for `ListDelays` the longest delay when above 60_000)
   * @example new BackOff({ maxSleep: 10_000 })
   */
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
   * listed, by every strategy (the base one too); other failures keep the strategy's own rule
   * (or `exceptions`). An array or a Set of integers 100–599; a string is refused.
   * @default undefined (the strategy's own rule)
   * @example new BackOff({ statuses: [500, 502, 503, 504, 429, 409] })
   */
  readonly statuses?: readonly number[] | ReadonlySet<number> | undefined;
  /**
   * The earlier name of {@link RequestStrategyOptions.statuses}, kept as an alias: the same option
   * under another name. Give one of the two (both only when they list the same statuses).
   * @default undefined (the strategy's own rule)
   * @example new BackOff({ retryOn: [409] }) // the same as { statuses: [409] }
   */
  readonly retryOn?: readonly number[] | ReadonlySet<number> | undefined;
  /**
   * Failures other than HTTP statuses worth another attempt: drover error codes (matched by
   * `code`, so also across copies of drover) or `DroverError` subclasses (matched with
   * `instanceof`). When set, such a failure is retried exactly when it is listed, by every strategy;
   * an `HttpError` is still judged by `statuses` or the strategy's own rule. An aborted bundle is
   * never retried, whatever is listed.
   * @default undefined (the strategy's own rule)
   * @example new Fixed({ exceptions: ['ERR_DROVER_TIMEOUT', NetworkError] })
   */
  readonly exceptions?: readonly RetryableFailure[] | undefined;
  /**
   * Largest body accepted, in bytes after decoding; a larger one fails with `TooLargeError`.
   * @default Infinity
   */
  readonly maxContentLength?: number;
  /**
   * The decoded-size guard for content-encoded (gzip, deflate, br) bodies: once a body has decoded to
   * more than 8 MiB, it may not be more than this many times the bytes received on the wire, else it
   * fails with a permanent `TooLargeError` (a gzip bomb expands ~1000×; ordinary text 3–20×).
   * `0` (or `Infinity`) turns the guard off.
   * @default 100
   */
  readonly maxDecodedRatio?: number;
  /**
   * Per-attempt changes to the request (aiohttp-retry's `requests`): attempt n applies entry n (the
   * last one repeats), say another URL, method or header for each try.
   * @default [] (every attempt asks the same, mirrors aside)
   * @example new BackOff({ requests: [{}, { headers: { 'x-retry': '1' } }] })
   */
  readonly requests?: readonly RequestChange[];
  /**
   * Look at a 2xx response before it is written (aiohttp-retry's `evaluate_response_callback`):
   * return `false` or a message to refuse it with a transient `ResponseCheckError` (retried like a
   * network error), say a 200 whose JSON says `{"error": …}`. To look inside the body, `await
   * readBody(response)`: the same bytes are then written.
   * @default undefined (every 2xx the strategy accepts is written)
   * @example new BackOff({ evaluateResponse: async (r) => !(await readBody(r)).includes('"error"') })
   */
  readonly evaluateResponse?: ResponseEvaluator | undefined;
}

/** See {@link RequestStrategyOptions.evaluateResponse}. */
export type ResponseEvaluator = (
  response: DroverResponse,
  bundle: Bundle,
) => boolean | string | Promise<boolean | string>;

/** {@link RequestStrategyOptions} with every default applied. */
export type NormalizedRequestStrategyOptions = Required<
  Omit<RequestStrategyOptions, 'statuses' | 'retryOn' | 'exceptions' | 'evaluateResponse'>
> & {
  /** The response check, if any. */
  readonly evaluateResponse: ResponseEvaluator | undefined;
  /** The statuses retried, or `undefined` when the strategy's own rule decides. */
  readonly statuses: ReadonlySet<number> | undefined;
  /** The same set as `statuses` (the option's alias). */
  readonly retryOn: ReadonlySet<number> | undefined;
  /** The failures retried besides HTTP statuses, or `undefined` when the strategy's own rule decides. */
  readonly exceptions: readonly RetryableFailure[] | undefined;
};

/** A change to one attempt's request (aiohttp-retry's `requests` list); unset fields keep the bundle's. */
export interface RequestChange {
  readonly url?: string | URL;
  readonly method?: string;
  /** Merged over the bundle's headers. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
}

function expectEvaluator(value: unknown): ResponseEvaluator | undefined {
  if (value !== undefined && typeof value !== 'function') {
    throw new TypeError(
      `Expected \`evaluateResponse\` to be a function, got \`${String(value)}\` (${typeof value})`,
    );
  }
  return value as ResponseEvaluator | undefined;
}

function expectRequests(value: unknown): readonly RequestChange[] {
  if (!Array.isArray(value) || value.some((change) => typeof change !== 'object' || change === null)) {
    throw new TypeError(`Expected \`requests\` to be an array of request changes, got \`${String(value)}\``);
  }
  return value as readonly RequestChange[];
}

/** The longest delay Node's timers take (2³¹ − 1 ms); a larger one would fire at once. */
export const MAX_TIMER = 2_147_483_647;

/** A duration option: `>= 0`, `0` and `Infinity` mean off (stored as 0), clamped to {@link MAX_TIMER}. */
function duration(name: string, value: number): number {
  const checked = value === Infinity ? 0 : expectNumber(name, value, 0);
  return Math.min(checked, MAX_TIMER);
}

function normalize(options: RequestStrategyOptions): NormalizedRequestStrategyOptions {
  const statuses = mergeStatuses(options.statuses, options.retryOn);
  const ratioOption = options.maxDecodedRatio ?? 100;
  const ratio = ratioOption === Infinity ? 0 : expectNumber('maxDecodedRatio', ratioOption, 0);
  return {
    concurrent: expectInteger('concurrent', options.concurrent ?? 2, 1, true),
    maxAttempts: expectInteger('maxAttempts', options.maxAttempts ?? 1, 1),
    timeout: duration('timeout', options.timeout ?? 0),
    headersTimeout: duration('headersTimeout', options.headersTimeout ?? 30_000),
    connectTimeout: duration('connectTimeout', options.connectTimeout ?? 10_000),
    idleTimeout: duration('idleTimeout', options.idleTimeout ?? 30_000),
    lowSpeedLimit: expectNumber('lowSpeedLimit', options.lowSpeedLimit ?? 1024, 0),
    lowSpeedTime: duration('lowSpeedTime', options.lowSpeedTime ?? 30_000),
    limitPerHost: expectInteger('limitPerHost', options.limitPerHost ?? Infinity, 1, true),
    minTime: expectNumber('minTime', options.minTime ?? 0, 0),
    sleep: expectNumber('sleep', options.sleep ?? 0, 0),
    maxSleep: expectNumber('maxSleep', options.maxSleep ?? 60_000, 0),
    retryNonIdempotent: expectBoolean('retryNonIdempotent', options.retryNonIdempotent ?? false),
    maxRedirects: expectInteger('maxRedirects', options.maxRedirects ?? 10, 0),
    statuses,
    retryOn: statuses,
    exceptions: parseExceptions(options.exceptions),
    maxContentLength: expectInteger('maxContentLength', options.maxContentLength ?? Infinity, 0, true),
    maxDecodedRatio: ratio === 0 ? Infinity : ratio,
    requests: expectRequests(options.requests ?? []),
    evaluateResponse: expectEvaluator(options.evaluateResponse),
  };
}

/**
 * How to request: limits, timeouts, what counts as success, whether and when to try again.
 *
 * The base strategy makes one attempt per bundle (it never retries) with 2 bundles in flight, a
 * 30 s limit on headers and on silence between chunks, the low-speed guard, and no total deadline. Subclass it and override one method; the coordinator keeps the rest working:
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

  /**
   * Throw when the response is not a success. The base throws an `HttpError` for any status outside
   * 2xx. Redirects that were not followed, 304 and unasked-for 206 never reach it: the coordinator
   * refuses those itself (a redirect body or an empty 304 is never written as a file).
   */
  assertResponse(response: DroverResponse, bundle: Bundle): void {
    if (response.status < 200 || response.status >= 300) {
      throw HttpError.fromResponse(response, { url: response.url, method: bundle.method });
    }
  }

  /**
   * Should this failure be tried again? Only asked while attempts remain. The base retries only
   * statuses listed in `statuses` and failures listed in `exceptions`.
   */
  retry(_bundle: Bundle, failure: DroverError): boolean {
    return this.listedVerdict(failure) ?? false;
  }

  /**
   * What `statuses` and `exceptions` say about a failure: for an `HttpError`, `true` or `false`
   * when `statuses` is set; for any other failure, `true` or `false` when `exceptions` is set;
   * `undefined` otherwise, so the strategy's own rule decides (`this.listedVerdict(failure) ?? rule`).
   */
  protected listedVerdict(failure: DroverError): boolean | undefined {
    return listedVerdict(failure, this.options.statuses, this.options.exceptions);
  }

  /**
   * Milliseconds to wait before the next attempt: the larger of {@link plannedSleep} and the
   * server's `Retry-After`, never above `maxSleep`.
   */
  getSleepTime(bundle: Bundle, failure?: DroverError): number {
    const planned = this.plannedSleep(bundle);
    const hinted = isHttpError(failure) ? failure.retryAfter : undefined;
    return Math.min(this.options.maxSleep, Math.max(planned, hinted ?? 0));
  }

  /** The strategy's own wait after `bundle.attempts` attempts, before `Retry-After` and the cap. */
  protected plannedSleep(_bundle: Bundle): number {
    return this.options.sleep;
  }

  /**
   * The request for the next attempt (`bundle.attempts` is its number). The base asks for the
   * bundle's URL, method, headers and body, takes the next mirror on each retry (attempt n requests
   * `[url, ...mirrors][(n − 1) % count]`), then applies the `requests` entry of this attempt. Override
   * to change the request between attempts; `beforeAttempt` hooks see (and may change) the result.
   */
  request(bundle: Bundle): DroverRequest {
    const urls = [bundle.url, ...bundle.mirrors];
    const attempt = Math.max(1, bundle.attempts);
    const url = urls[(attempt - 1) % urls.length] ?? bundle.url;
    const base: DroverRequest = {
      url,
      method: bundle.method,
      headers: { ...bundle.headers },
      body: bundle.data as RequestBody | undefined,
    };
    const changes = this.options.requests;
    const change = changes.length === 0 ? undefined : changes[Math.min(attempt, changes.length) - 1];
    if (change === undefined) return base;
    return {
      url: change.url === undefined ? base.url : String(change.url),
      method: (change.method ?? base.method).toUpperCase(),
      headers: { ...base.headers, ...change.headers },
      body: change.body ?? base.body,
    };
  }
}
