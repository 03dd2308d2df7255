import type { AxiosInstance } from 'axios';
import { AioDownload } from '../aio-download.js';
import type { AioDownloadOptions } from '../aio-download-options.js';
import { BackOff } from '../strategies/back-off.js';
import type { DownloadStrategy } from '../strategies/download-strategy.js';
import type { RequestStrategy } from '../strategies/request-strategy.js';
import { retrieverDefaults } from './defaults.js';

/** What one request of the functional layer may carry. */
export interface RequestOptions {
  /** HTTP method. @default 'GET' */
  readonly method?: string;
  /** Request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Query parameters added to the URL (after any it already has). @default {} */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** A body for POST, PUT or PATCH: a string, a Buffer, or a value sent as JSON. */
  readonly data?: unknown;
}

/** Limits and retries shared by `retrieve`, `download` and `checkDownloads`. Times in milliseconds. */
export interface CommonOptions {
  /** Requests in flight at once. @default `DROVER_MAX_CONCURRENT_CALLS` or 10 */
  readonly concurrent?: number;
  /** Requests in flight per origin (tiny-retriever's default). @default 4 */
  readonly limitPerHost?: number;
  /** Total deadline of one attempt. @default `DROVER_TIMEOUT` or 60 000 */
  readonly timeout?: number;
  /** Requests per URL, at most (transient failures are retried with exponential back-off). @default `DROVER_MAX_ATTEMPTS` or 3 */
  readonly maxAttempts?: number;
  /** Stop everything; unfinished items fail with `AbortError`. */
  readonly signal?: AbortSignal;
  /** Your own request strategy, instead of the `BackOff` these options build. */
  readonly requestStrategy?: RequestStrategy;
  /** Your own axios instance (borrowed, never closed). */
  readonly client?: AxiosInstance;
  /** Check TLS certificates (as `AioDownload`'s option). @default true */
  readonly rejectUnauthorized?: boolean;
  /** Certificate authorities (PEM) trusted for TLS (as `AioDownload`'s option). @default Node's list */
  readonly ca?: AioDownloadOptions['ca'];
  /** A proxy URL, or `false` for none (as `AioDownload`'s option). @default from the environment */
  readonly proxy?: string | false;
}

/** Throw a TypeError unless `items` and `others` have the same length. */
export function expectSameLength(name: string, items: readonly unknown[], others: readonly unknown[]): void {
  if (items.length !== others.length) {
    throw new TypeError(
      `Expected \`${name}\` to have one entry per URL (${items.length}), got ${others.length}`,
    );
  }
}

/** Connections per host unless `limitPerHost` says otherwise, as tiny-retriever has it. */
export const DEFAULT_LIMIT_PER_HOST = 4;

/** Options a passed `requestStrategy` would silently override: refused, naming them. */
const STRATEGY_OPTIONS = ['concurrent', 'limitPerHost', 'timeout', 'maxAttempts'] as const;

function refuseIgnored(options: CommonOptions, extra: { readonly maxContentLength?: number }): void {
  const given: string[] = STRATEGY_OPTIONS.filter((name) => options[name] !== undefined);
  if ((options as { maxBytes?: unknown }).maxBytes !== undefined && extra.maxContentLength !== undefined) {
    given.push('maxBytes');
  }
  if (given.length > 0) {
    throw new TypeError(
      `Expected either \`requestStrategy\` or ${given.map((name) => `\`${name}\``).join(', ')}, not both: the strategy's own options apply (set them on it)`,
    );
  }
}

/** A coordinator for one functional call; the caller closes it. */
export function coordinatorFor(
  options: CommonOptions,
  downloadStrategy: DownloadStrategy,
  extra: {
    readonly maxContentLength?: number;
    readonly attemptsBonus?: number;
    /** The total timeout when neither `options.timeout` nor `DROVER_TIMEOUT` sets one. */
    readonly timeout?: number;
  } = {},
): AioDownload {
  const defaults = retrieverDefaults();
  if (options.requestStrategy !== undefined) refuseIgnored(options, extra);
  const requestStrategy =
    options.requestStrategy ??
    new BackOff({
      concurrent: options.concurrent ?? defaults.concurrent,
      limitPerHost: options.limitPerHost ?? DEFAULT_LIMIT_PER_HOST,
      timeout:
        options.timeout ??
        (process.env.DROVER_TIMEOUT?.trim() ? defaults.timeout : (extra.timeout ?? defaults.timeout)),
      maxAttempts: (options.maxAttempts ?? defaults.maxAttempts) + (extra.attemptsBonus ?? 0),
      sleep: defaults.retrySleep,
      maxContentLength: extra.maxContentLength ?? Infinity,
    });
  return new AioDownload({
    requestStrategy,
    downloadStrategy,
    ...(options.client === undefined ? {} : { client: options.client }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: options.rejectUnauthorized }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    ...(options.proxy === undefined ? {} : { proxy: options.proxy }),
  });
}
