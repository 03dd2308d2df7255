import { swarm } from '../api.js';
import { Bundle } from '../bundle.js';
import type { DroverError } from '../errors/drover-error.js';
import { ServiceError } from '../errors/service-error.js';
import { withParams } from '../transport/request-body.js';
import { retrieverDefaults } from './defaults.js';
import { MemoryStrategy, type ResponseCheck, type ReturnType, type ReturnTypes } from './memory-strategy.js';
import { type CommonOptions, coordinatorFor, expectSameLength, type RequestOptions } from './options.js';

/** Options of `retrieve` and `retrieveResults`. */
export interface RetrieveOptions<K extends ReturnType = ReturnType> extends CommonOptions, RequestOptions {
  /**
   * Per-URL request options, one entry per URL, merged over the shared ones (headers are merged key
   * by key). A list of another length is a TypeError.
   */
  readonly requestOptions?: readonly RequestOptions[];
  /**
   * On: a URL that still fails after its retries makes `retrieve` reject with a `ServiceError` naming
   * it. Off: that slot is `undefined` (use `retrieveResults` to see why).
   * @default true
   */
  readonly raiseStatus?: boolean;
  /** Largest body kept in memory, in bytes after decoding; larger is a `TooLargeError`. @default `DROVER_MAX_BYTES` or 100 MiB */
  readonly maxBytes?: number;
  /** Refuse successful responses whose body says otherwise; refused ones are retried within `maxAttempts`. */
  readonly responseCheck?: ResponseCheck<ReturnTypes[K]>;
}

/** One URL's outcome. */
export interface RetrieveResult<T> {
  readonly url: string;
  /** The body as asked for, when the request succeeded. */
  readonly value: T | undefined;
  /** Why it failed, when it did. */
  readonly error: DroverError | undefined;
  /** The bundle, with attempts and history. */
  readonly bundle: Bundle;
}

const KINDS = new Set(['text', 'json', 'binary']);

function bundleFor(url: string | URL, shared: RequestOptions, own: RequestOptions | undefined): Bundle {
  const merged = { ...shared, ...own, headers: { ...shared.headers, ...own?.headers } };
  return new Bundle(withParams(url, { ...shared.params, ...own?.params }), {
    method: merged.method ?? 'GET',
    headers: merged.headers,
    data: merged.data,
  });
}

/**
 * Fetch URLs into memory and report each outcome, in input order. Never rejects for a failed URL.
 * @example const [result] = await retrieveResults(['http://127.0.0.1:8080/json'], 'json');
 */
export async function retrieveResults<K extends ReturnType>(
  urls: readonly (string | URL)[],
  returnType: K,
  options: RetrieveOptions<K> = {},
): Promise<RetrieveResult<ReturnTypes[K]>[]> {
  if (!KINDS.has(returnType)) {
    throw new TypeError(
      `Expected \`returnType\` to be 'text', 'json' or 'binary', got \`${String(returnType)}\``,
    );
  }
  if (options.requestOptions !== undefined) expectSameLength('requestOptions', urls, options.requestOptions);
  const strategy = new MemoryStrategy(returnType, options.responseCheck);
  const maxContentLength = options.maxBytes ?? retrieverDefaults().maxBytes;
  const download = coordinatorFor(options, strategy, { maxContentLength });
  try {
    const bundles = urls.map((url, i) => bundleFor(url, options, options.requestOptions?.[i]));
    await swarm(bundles, download);
    return bundles.map((bundle) => ({
      url: bundle.url,
      value: strategy.values.get(bundle),
      error: bundle.error,
      bundle,
    }));
  } finally {
    await download.close();
  }
}

/**
 * Fetch one URL or many into memory, as text, parsed JSON or a Buffer. One URL gives one value; a
 * list gives a list in input order. Concurrency, per-host limit, timeout and attempts come from the
 * options or the environment (see `retrieverDefaults`).
 *
 * @throws ServiceError when `raiseStatus` is on (the default) and a URL failed after its retries.
 * @example
 * const page = await retrieve<{ items: number[] }>('http://127.0.0.1:8080/json?n=2', 'json');
 * const pages = await retrieve(urls, 'text', { concurrent: 4, raiseStatus: false });
 */
export async function retrieve<T = unknown>(
  url: string | URL,
  returnType: 'json',
  options?: RetrieveOptions<'json'>,
): Promise<T | undefined>;
export async function retrieve<T = unknown>(
  urls: readonly (string | URL)[],
  returnType: 'json',
  options?: RetrieveOptions<'json'>,
): Promise<(T | undefined)[]>;
export async function retrieve<K extends ReturnType>(
  url: string | URL,
  returnType: K,
  options?: RetrieveOptions<K>,
): Promise<ReturnTypes[K] | undefined>;
export async function retrieve<K extends ReturnType>(
  urls: readonly (string | URL)[],
  returnType: K,
  options?: RetrieveOptions<K>,
): Promise<(ReturnTypes[K] | undefined)[]>;
export async function retrieve<K extends ReturnType>(
  urlOrUrls: string | URL | readonly (string | URL)[],
  returnType: K,
  options: RetrieveOptions<K> = {},
): Promise<ReturnTypes[K] | undefined | (ReturnTypes[K] | undefined)[]> {
  const single = !Array.isArray(urlOrUrls);
  const urls = single ? [urlOrUrls as string | URL] : (urlOrUrls as readonly (string | URL)[]);
  const results = await retrieveResults(urls, returnType, options);
  if (options.raiseStatus ?? true) {
    const failed = results.find((result) => result.error !== undefined);
    if (failed?.error !== undefined) throw new ServiceError(failed.error, failed.bundle.httpStatus);
  }
  const values = results.map((result) => result.value);
  return single ? values[0] : values;
}
