import type { Bundle } from './bundle.js';
import type { DroverError } from './errors/drover-error.js';
import type { DroverRequest } from './http/request.js';
import type { DroverResponse } from './http/response.js';

/**
 * Returned by an `afterResponse` hook: this response does not count as an answer, try again at once
 * (no wait, no `retry()` question; the attempt still counts against `maxAttempts`). Change the
 * bundle first (its `method`, `headers`, `mirrors`) to change the next request.
 */
export const retryNow: unique symbol = Symbol.for('drover.hooks.retryNow');

/** Returned by a `beforeRetry` hook: do not try again; the bundle fails with the error it has. */
export const stopRetrying: unique symbol = Symbol.for('drover.hooks.stopRetrying');

/** What every hook is told: the bundle, which attempt, and the signal that aborts it. */
export interface HookState<Info = unknown> {
  /** The bundle; `bundle.info` is a good place for state shared by the hooks of one bundle. */
  readonly bundle: Bundle<Info>;
  /** The attempt, 1 for the first request. */
  readonly attempt: number;
  /** Aborts when the bundle is aborted (caller's signal, `close()`, leaving `each`). */
  readonly signal: AbortSignal;
}

/** `beforeAttempt`: the request about to be sent; change it in place (URL, method, headers, body). */
export interface BeforeAttemptState<Info = unknown> extends HookState<Info> {
  readonly request: DroverRequest;
}

/** `afterResponse`: a response arrived (any status), its body unread. */
export interface AfterResponseState<Info = unknown> extends HookState<Info> {
  readonly request: DroverRequest;
  readonly response: DroverResponse;
}

/** `beforeRetry`: the attempt failed and the strategy will try again after `delay` ms. */
export interface BeforeRetryState<Info = unknown> extends HookState<Info> {
  readonly error: DroverError;
  /** The wait before the next attempt, in milliseconds. */
  readonly delay: number;
}

/** `onDone`: the bundle reached its final status (`bundle.status`; `error` when failed). */
export interface DoneState<Info = unknown> extends HookState<Info> {
  readonly error?: DroverError | undefined;
}

/** A hook may be async; what it returns is read only where a marker is documented. */
// biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing is the common case
type Hook<State, Marker = never> = (state: State) => void | Marker | Promise<void | Marker>;

/**
 * Functions drover calls at fixed points of a bundle's life, each with one state object (got's and
 * ky's shape). Set them on the coordinator (`new AioDownload({ hooks })`) and per call (`one(url,
 * { hooks })`, `main(bundle, { hooks })`): the coordinator's run first, then the call's, each list
 * in order. A hook that throws fails its attempt (`beforeAttempt`, `afterResponse`) or its bundle
 * (`beforeRetry`); a `DroverError` it throws is kept as it is.
 *
 * @example
 * const hooks: Hooks = {
 *   beforeAttempt: [({ request, attempt }) => { request.headers['x-attempt'] = String(attempt); }],
 *   onDone: [({ bundle }) => console.log(bundle.statusMsg)],
 * };
 */
export interface Hooks<Info = unknown> {
  /** Before each request is sent: change `state.request`. */
  readonly beforeAttempt?: readonly Hook<BeforeAttemptState<Info>>[];
  /**
   * When a response arrives, before drover judges it: throw to refuse it, return {@link retryNow}
   * to try again at once (say, HEAD refused with 405: switch `bundle.method` to GET).
   */
  readonly afterResponse?: readonly Hook<AfterResponseState<Info>, typeof retryNow>[];
  /** When an attempt failed and another will follow: return {@link stopRetrying} to give up instead. */
  readonly beforeRetry?: readonly Hook<BeforeRetryState<Info>, typeof stopRetrying>[];
  /** Once, when the bundle is final (written, cached or failed). */
  readonly onDone?: readonly Hook<DoneState<Info>>[];
}

/** The coordinator's hooks, then the call's. */
export function mergeHooks(first: Hooks | undefined, second: Hooks | undefined): Hooks | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return {
    beforeAttempt: [...(first.beforeAttempt ?? []), ...(second.beforeAttempt ?? [])],
    afterResponse: [...(first.afterResponse ?? []), ...(second.afterResponse ?? [])],
    beforeRetry: [...(first.beforeRetry ?? []), ...(second.beforeRetry ?? [])],
    onDone: [...(first.onDone ?? []), ...(second.onDone ?? [])],
  };
}

/** Run `hooks` in order with `state`; the first that returns `marker` ends the run with `true`. */
export async function runHooks<State>(
  hooks: readonly Hook<State, symbol>[] | undefined,
  state: State,
  marker?: symbol,
): Promise<boolean> {
  if (hooks === undefined) return false;
  for (const hook of hooks) {
    const result = await hook(state);
    if (marker !== undefined && result === marker) return true;
  }
  return false;
}
