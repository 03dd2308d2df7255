import { AioDownload } from './aio-download.js';
import { Bundle, wasEntered } from './bundle.js';
import { unexpected } from './classify-error.js';
import { InvalidUrlError } from './errors/invalid-url-error.js';
import type { RetryEvent } from './events.js';
import type { Hooks } from './hooks.js';

/** Anything `one`, `swarm` and `each` accept as an item: a URL or a ready bundle. */
export type BundleLike = string | URL | Bundle;

/** Inputs of `swarm` and `each`: read lazily, one item at a time. */
export type Items<T> = Iterable<T> | AsyncIterable<T>;

/** Per-call options of `one`, `swarm` and `each`. */
export interface CallOptions<Info = unknown> {
  /**
   * Abort the call: no more input is read, requests in flight stop, waiting bundles end. Every bundle
   * already taken comes back `failed` with an `AbortError` (unless it finished first).
   */
  readonly signal?: AbortSignal;
  /** Hooks for the bundles of this call, run after the coordinator's own. @default none */
  readonly hooks?: Hooks<NoInfer<Info>>;
  /** Your coordinator; borrowed, not closed. @default a new `AioDownload()`, closed afterwards */
  readonly download?: AioDownload;
}

/** Turns an input item into what to fetch: a URL (the item becomes `bundle.info`) or a bundle. */
export type UrlMap<T, Info = T> = (item: T) => string | URL | Bundle<Info>;

/** Options of `each`: the call options and the `urlMap`. */
export interface EachOptions<T, Info = T> extends CallOptions<Info> {
  /** @default the item itself (a URL or a bundle) */
  readonly urlMap?: UrlMap<T, Info>;
}

/** Whether `value` is a coordinator (by shape, so two copies of drover work together). */
function isCoordinator(value: unknown): value is AioDownload {
  return (
    value instanceof AioDownload || typeof (value as { main?: unknown } | undefined)?.main === 'function'
  );
}

/** The positional (aiodownload) and the options-object forms, as one options object. */
function callOptions<Info>(
  second: AioDownload | CallOptions<Info> | undefined,
  third: CallOptions<Info> | undefined,
): CallOptions {
  // Hooks typed for the call's bundles run on them alone.
  if (second === undefined) return (third ?? {}) as CallOptions;
  if (isCoordinator(second)) return { ...third, download: second } as CallOptions;
  return { ...second, ...third } as CallOptions;
}

/** A finished bundle and the position of its item in the input. */
interface Finished {
  readonly bundle: Bundle;
  readonly index: number;
}

function toBundle<T>(item: T, urlMap: ((item: T) => BundleLike) | undefined): Bundle {
  let mapped: unknown;
  try {
    mapped = urlMap === undefined ? item : urlMap(item);
  } catch (error) {
    return failedBundle(String(item), 'urlMap threw', error);
  }
  if (mapped instanceof Bundle) return mapped;
  // As aiodownload: the item is kept as `info` unless it is the URL itself.
  if (typeof mapped === 'string' || mapped instanceof URL) {
    return mapped === item || urlMap === undefined ? new Bundle(mapped) : new Bundle(mapped, { info: item });
  }
  return failedBundle(String(mapped), `expected a URL string, URL or Bundle, got ${typeof mapped}`);
}

function failedBundle(url: string, detail: string, cause?: unknown): Bundle {
  const bundle = new Bundle(url);
  bundle.status = 'failed';
  bundle.error = new InvalidUrlError(detail, { url, cause });
  return bundle;
}

function iteratorOf<T>(items: Items<T>): Iterator<T> | AsyncIterator<T> {
  return Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
}

/**
 * The engine under `swarm` and `each`: keeps up to `lookAhead` bundles going (bundles waiting out a
 * retry delay do not count, up to 16 × `lookAhead` in all), yields them as they finish, and reads the
 * input only as room frees up. Leaving early (a `break` out of `each`) stops reading and aborts the
 * bundles it started, waiting or in flight: they end `failed` with an `AbortError` at once, and the
 * coordinator stays usable.
 */
async function* drive<T>(
  items: Items<T>,
  urlMap: ((item: T) => BundleLike) | undefined,
  options: CallOptions,
): AsyncGenerator<Finished> {
  const { signal, download, hooks } = options;
  // One controller per started bundle (not one shared signal): leaving early aborts those still running.
  const stops = new Set<AbortController>();
  const coordinator = download ?? new AioDownload();
  const running = new Map<Bundle, Promise<void>>();
  const waiting = new Set<Bundle>();
  const finished: Finished[] = [];
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    wake?.();
    wake = undefined;
  };
  const onRetry = ({ bundle }: RetryEvent) => {
    if (!running.has(bundle)) return;
    waiting.add(bundle);
    wakeUp();
  };
  const onAttempt = ({ bundle }: { bundle: Bundle }) => waiting.delete(bundle);
  coordinator.on('retry', onRetry);
  coordinator.on('attempt', onAttempt);
  signal?.addEventListener('abort', wakeUp);
  const iterator = iteratorOf(items);
  let exhausted = false;
  let inputDone = false;
  let index = 0;
  const limit = coordinator.lookAhead;
  const hasRoom = () => !exhausted && running.size - waiting.size < limit && running.size < limit * 16;
  try {
    for (;;) {
      if (signal?.aborted === true) exhausted = true;
      while (hasRoom()) {
        const next = await iterator.next();
        if (next.done === true) {
          exhausted = true;
          inputDone = true;
          break;
        }
        const bundle = toBundle(next.value, urlMap);
        const position = index++;
        // A bundle failed before any run (a bad item, or one the caller marked) is final as it is;
        // one that finished a run before runs afresh (main resets it).
        if (bundle.done && !wasEntered(bundle)) {
          finished.push({ bundle, index: position });
          continue;
        }
        const stop = new AbortController();
        stops.add(stop);
        const own = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
        const task = coordinator
          .main(bundle, hooks === undefined ? { signal: own } : { signal: own, hooks })
          .then(undefined, (error: unknown) => {
            // main rejects only when user code it calls synchronously (an event listener) throws.
            bundle.status = 'failed';
            bundle.error = unexpected('the coordinator failed', error, bundle);
          });
        const settled = task.then(() => {
          stops.delete(stop);
          running.delete(bundle);
          waiting.delete(bundle);
          finished.push({ bundle, index: position });
          wakeUp();
        });
        running.set(bundle, settled);
      }
      while (finished.length > 0) yield finished.shift() as Finished;
      if (exhausted && running.size === 0) return;
      // Bundles that finished while the consumer held a yield freed room: fill it before waiting, or
      // with nothing left running no settle would ever wake the wait (the CLI's exit 13, issue #10).
      if (hasRoom()) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (finished.length > 0) wakeUp();
      });
    }
  } finally {
    coordinator.off('retry', onRetry);
    coordinator.off('attempt', onAttempt);
    signal?.removeEventListener('abort', wakeUp);
    const left = new Error('the caller stopped reading the results');
    for (const stop of stops) stop.abort(left);
    await Promise.allSettled(running.values());
    if (!inputDone) await iterator.return?.();
    if (download === undefined) await coordinator.close();
  }
}

/**
 * Fetch one URL or bundle and write it, as the coordinator (or a default one) decides.
 *
 * @param urlOrBundle - a URL, or a bundle you built (with your own `info` or `filePath`).
 * @param download - your coordinator (borrowed, not closed), or the call's options
 *   `{ download, signal, hooks }`. @default a new `AioDownload()`, closed afterwards
 * @returns the bundle, in a final state: never rejects because the download failed.
 * @example
 * const bundle = await one('http://127.0.0.1:8080/files/a.bin');
 * const again = await one(bundle, { download, signal: AbortSignal.timeout(10_000) });
 */
export function one<Info = unknown>(
  urlOrBundle: string | URL | Bundle<Info>,
  download?: AioDownload,
  options?: CallOptions<Info>,
): Promise<Bundle<Info>>;
export function one<Info = unknown>(
  urlOrBundle: string | URL | Bundle<Info>,
  options: CallOptions<Info>,
): Promise<Bundle<Info>>;
export async function one<Info = unknown>(
  urlOrBundle: string | URL | Bundle<Info>,
  download?: AioDownload | CallOptions<Info>,
  options?: CallOptions<Info>,
): Promise<Bundle<Info>> {
  const call = callOptions(download, options);
  for await (const { bundle } of drive([urlOrBundle as BundleLike], undefined, call)) {
    return bundle as Bundle<Info>;
  }
  throw new Error('unreachable: one item always yields one bundle');
}

/**
 * Fetch many URLs or bundles concurrently. Results come back in input order; a failed item is a
 * bundle with `status: 'failed'`, never a rejection. After an abort the list holds the items read so
 * far (the rest of the input is not read).
 *
 * @param download - your coordinator (borrowed, not closed), or `{ download, signal, hooks }`.
 *   @default a new `AioDownload()`, closed afterwards
 * @example const bundles = await swarm(['http://host/a', 'http://host/b'], { signal });
 */
export function swarm<Info = unknown>(
  items: Items<string | URL | Bundle<Info>>,
  download?: AioDownload,
  options?: CallOptions<Info>,
): Promise<Bundle<Info>[]>;
export function swarm<Info = unknown>(
  items: Items<string | URL | Bundle<Info>>,
  options: CallOptions<Info>,
): Promise<Bundle<Info>[]>;
export async function swarm<Info = unknown>(
  items: Items<string | URL | Bundle<Info>>,
  download?: AioDownload | CallOptions<Info>,
  options?: CallOptions<Info>,
): Promise<Bundle<Info>[]> {
  const results: Bundle<Info>[] = [];
  const call = callOptions(download, options);
  for await (const { bundle, index } of drive(items as Items<BundleLike>, undefined, call)) {
    results[index] = bundle as Bundle<Info>;
  }
  return results;
}

/**
 * Map each item to a URL or bundle and fetch them concurrently, yielding bundles as they finish
 * (completion order). Reads `items` lazily: a million items never become a million promises. When
 * `urlMap` gives a URL for an item that is not itself that URL, the item becomes `bundle.info`
 * (aiodownload's rule), typed as `Bundle<T>`.
 *
 * @param urlMap - turns an item into a URL or bundle (or pass `{ urlMap, download, signal, hooks }`
 *   here). @default the item itself
 * @param download - your coordinator; borrowed, not closed. @default a new `AioDownload()`, closed afterwards
 * @example
 * for await (const bundle of each(ids, (id) => `https://api.example.com/items/${id}`)) console.log(bundle.info);
 * for await (const bundle of each(urls, { download, signal })) console.log(bundle.statusMsg);
 */
export function each<Info = unknown>(
  items: Items<string | URL | Bundle<Info>>,
  options?: CallOptions<Info>,
): AsyncGenerator<Bundle<Info>, void, undefined>;
export function each<Info = unknown>(
  items: Items<string | URL | Bundle<Info>>,
  urlMap: undefined,
  download?: AioDownload,
  options?: CallOptions<Info>,
): AsyncGenerator<Bundle<Info>, void, undefined>;
export function each<T, Info = T>(
  items: Items<T>,
  urlMap: UrlMap<T, Info>,
  download?: AioDownload,
  options?: CallOptions<Info>,
): AsyncGenerator<Bundle<Info>, void, undefined>;
export function each<T, Info = T>(
  items: Items<T>,
  options: EachOptions<T, Info>,
): AsyncGenerator<Bundle<Info>, void, undefined>;
export async function* each<T, Info = T>(
  items: Items<T>,
  urlMapOrOptions?: UrlMap<T, Info> | EachOptions<T, Info> | CallOptions<Info>,
  download?: AioDownload,
  options?: CallOptions<Info>,
): AsyncGenerator<Bundle<Info>, void, undefined> {
  const named = typeof urlMapOrOptions === 'object' ? (urlMapOrOptions as EachOptions<T, Info>) : undefined;
  const urlMap = typeof urlMapOrOptions === 'function' ? urlMapOrOptions : named?.urlMap;
  const call =
    named === undefined ? callOptions<Info>(download, options) : callOptions<Info>(named, undefined);
  for await (const { bundle } of drive(items, urlMap as ((item: T) => BundleLike) | undefined, call)) {
    yield bundle as Bundle<Info>;
  }
}
