import { EventEmitter } from 'node:events';
import { validateHeaderName, validateHeaderValue } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AxiosInstance } from 'axios';
import type { AioDownloadOptions, RunOptions } from './aio-download-options.js';
import { type AttemptDeps, type AttemptOutcome, contextOf, runAttempt } from './attempt.js';
import { type Bundle, markEntered, wasEntered } from './bundle.js';
import { unexpected } from './classify-error.js';
import { type CooldownStore, Cooldowns, waitForCooldown } from './cooldowns.js';
import { AbortError } from './errors/abort-error.js';
import { ClosedError } from './errors/closed-error.js';
import { type DroverError, isDroverError } from './errors/drover-error.js';
import { isHttpError } from './errors/guards.js';
import { InvalidRequestError } from './errors/invalid-request-error.js';
import { InvalidUrlError } from './errors/invalid-url-error.js';
import { PathConflictError } from './errors/path-conflict-error.js';
import type { AioDownloadEvents } from './events.js';
import { type Hooks, mergeHooks, runHooks, stopRetrying } from './hooks.js';
import { type CloseOptions, Lifecycle } from './lifecycle.js';
import { Limiter, NOT_RUN, type SlotLimiter, scheduleUnlessAborted } from './limiter.js';
import { PathClaims } from './path-claims.js';
import { combine, sameChecksum, settledUnlessAborted } from './run-helpers.js';
import { DownloadStrategy } from './strategies/download-strategy.js';
import { Lenient } from './strategies/lenient.js';
import type { RequestStrategy } from './strategies/request-strategy.js';
import { chooseTransport } from './transport/create-transport.js';
import type { Transport, TransportName } from './transport/transport.js';
import { expectBoolean, expectInteger } from './validate.js';

/** The signal hooks see when the bundle has none: it never aborts. */
const NEVER = new AbortController().signal;

/** Methods that may be repeated after they reached the server (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** Failures no strategy may retry: the caller or `close()` stopped the bundle. */
const NEVER_RETRIED = new Set(['ERR_DROVER_ABORTED', 'ERR_DROVER_CLOSED']);

/** Marks a limiter job that did not request because its host was cooling down or the run was aborted. */
const DEFERRED = Symbol('deferred');

/**
 * The coordinator: turns bundles into files through a request strategy (how to ask, when to retry)
 * and a download strategy (where and how to write), under the strategy's limits.
 *
 * `main` never rejects because of one bundle: every failure ends up in `bundle.status`/`bundle.error`.
 * Events (`attempt`, `response`, `progress`, `retry`, `done`) feed progress displays.
 *
 * @example
 * const download = new AioDownload({ requestStrategy: new BackOff({ concurrent: 8 }) });
 * const bundle = await download.main(new Bundle('https://example.com/file.zip'));
 * await download.close();
 */
export class AioDownload extends EventEmitter<AioDownloadEvents> {
  /**
   * The axios instance you injected (its interceptors run on every request), else `undefined`:
   * drover's own transports keep their clients to themselves.
   */
  readonly client: AxiosInstance | undefined;
  /** The coordinator's hooks. */
  readonly hooks: Hooks | undefined;
  /** The transport in use: `'axios'` or `'undici'`. */
  readonly transport: TransportName;
  /** The request strategy in use. */
  readonly requestStrategy: RequestStrategy;
  /** The download strategy in use. */
  readonly downloadStrategy: DownloadStrategy;
  /** See {@link AioDownloadOptions.lookAhead}. */
  readonly lookAhead: number;
  /** The coordinator's own abort signal, if any. */
  readonly signal: AbortSignal | undefined;
  private readonly requester: Transport;
  private readonly ownsTransport: boolean;
  private readonly limiter: SlotLimiter;
  private readonly ownedLimiter: Limiter | undefined;
  private readonly claims = new PathClaims();
  /** The run of each bundle in progress, so a bundle runs once at a time. */
  private readonly runs = new WeakMap<Bundle, Promise<Bundle>>();
  private readonly cooldowns: CooldownStore;
  private readonly deps: AttemptDeps;
  private readonly lifecycle = new Lifecycle();
  private closing: Promise<void> | undefined;

  constructor(options: AioDownloadOptions = {}) {
    super();
    const rejectUnauthorized = expectBoolean('rejectUnauthorized', options.rejectUnauthorized ?? true);
    const requestStrategy = options.requestStrategy ?? new Lenient();
    const chosen = chooseTransport({
      client: options.client,
      transport: options.transport,
      rejectUnauthorized,
      ca: options.ca,
      proxy: options.proxy,
      connectTimeout: requestStrategy.options.connectTimeout,
    });
    this.requester = chosen;
    this.ownsTransport = options.client === undefined;
    this.client = options.client;
    this.transport = chosen.name;
    this.requestStrategy = requestStrategy;
    this.downloadStrategy = options.downloadStrategy ?? new DownloadStrategy();
    this.signal = options.signal;
    this.hooks = options.hooks;
    const { concurrent, limitPerHost, minTime } = this.requestStrategy.options;
    const defaultLookAhead = Number.isFinite(concurrent) ? Math.max(16, 2 * concurrent) : 1024;
    this.lookAhead = expectInteger('lookAhead', options.lookAhead ?? defaultLookAhead, 1);
    this.ownedLimiter =
      options.limiter === undefined ? new Limiter({ concurrent, limitPerHost, minTime }) : undefined;
    this.limiter = options.limiter ?? (this.ownedLimiter as Limiter);
    this.cooldowns = options.cooldowns ?? new Cooldowns();
    this.deps = {
      transport: this.requester,
      requestStrategy: this.requestStrategy,
      downloadStrategy: this.downloadStrategy,
      emit: (event, ...args) => (this.emit as (event: string, ...rest: unknown[]) => boolean)(event, ...args),
      listens: (event) => this.listenerCount(event) > 0,
    };
  }

  /**
   * Fetch one bundle under the coordinator's limits: map its path, skip it when cached, else run the
   * attempt loop. Resolves with the same bundle in a final state; rejects only for programming errors.
   *
   * A bundle that already finished a run starts afresh (`reset()`: attempts, history and results
   * cleared); a bundle that is running already gets the promise of that run; a bundle whose final
   * status the caller set before it ever ran is returned as it is. While another bundle with the
   * same URL is writing the same path, this one waits for it and shares its result
   * (`duplicateOf`, no request of its own). After `close()` the bundle fails at once with a
   * `ClosedError`, without a request.
   */
  main<Info>(bundle: Bundle<Info>, options: RunOptions = {}): Promise<Bundle<Info>> {
    return this.enter(bundle, options, true);
  }

  /**
   * The attempt loop for one bundle: request, check, write; on failure ask the strategy whether to
   * try again and wait outside any concurrency slot. Makes at most `maxAttempts` requests. Unlike
   * `main`, it does not ask `isCached` first; finished, running and refused bundles are handled as
   * in `main`.
   */
  requestAndDownload<Info>(bundle: Bundle<Info>, options: RunOptions = {}): Promise<Bundle<Info>> {
    return this.enter(bundle, options, false);
  }

  /** Resolves once no bundle is queued, waiting or running in this coordinator (at once when none is). */
  onIdle(): Promise<void> {
    return this.lifecycle.onIdle();
  }

  /**
   * Close the coordinator: new work fails at once with `ClosedError`; queued, waiting and running
   * bundles are aborted and end `failed` with `ClosedError` (with `drain: true` they finish first).
   * Then it releases what it made (HTTP agents, limiter timers); injected parts stay open. Resolves
   * once everything has settled. Safe to call twice; a second call without `drain` aborts a drain.
   */
  close(options: CloseOptions = {}): Promise<void> {
    this.lifecycle.close(options);
    this.closing ??= this.lifecycle.onIdle().then(async () => {
      if (this.ownsTransport) await this.requester.close();
      await this.ownedLimiter?.close();
    });
    return this.closing;
  }

  /** `await using download = new AioDownload()` closes it at the end of the block (as `close()`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** One run per bundle at a time; a finished bundle is reset before it runs again. */
  private enter<Info>(bundle: Bundle<Info>, options: RunOptions, useCache: boolean): Promise<Bundle<Info>> {
    const current = this.runs.get(bundle);
    if (current !== undefined) return current as Promise<Bundle<Info>>;
    if (bundle.status !== 'initialized') {
      // A bundle whose final state the caller set itself (never run) is reported as it is.
      if (!wasEntered(bundle)) return Promise.resolve(bundle);
      bundle.reset();
    }
    const hooks = mergeHooks(this.hooks, options.hooks);
    const entered = this.lifecycle.enter(options.signal);
    if (entered === undefined) return this.refuse(bundle, hooks === undefined ? {} : { hooks });
    markEntered(bundle);
    const own = hooks === undefined ? { signal: entered.signal } : { signal: entered.signal, hooks };
    const run = this.run(bundle, own, useCache).finally(() => {
      this.runs.delete(bundle);
      entered.leave();
    });
    this.runs.set(bundle, run);
    return run;
  }

  private async run<Info>(
    bundle: Bundle<Info>,
    options: RunOptions,
    useCache: boolean,
  ): Promise<Bundle<Info>> {
    let origin: string;
    try {
      origin = this.prepare(bundle);
    } catch (error) {
      return this.finishFailed(
        bundle,
        isDroverError(error) ? error : unexpected('preparing failed', error, contextOf(bundle)),
        options,
      );
    }
    const path = bundle.filePath;
    if (path === undefined) return this.ownedRun(bundle, origin, options, useCache);
    for (;;) {
      const claim = this.claims.claim(path, bundle);
      if (claim.kind === 'conflict') {
        const conflict = new PathConflictError(path, claim.claimedBy, contextOf(bundle));
        return this.finishFailed(bundle, conflict, options);
      }
      if (claim.kind === 'owner') {
        try {
          return await this.ownedRun(bundle, origin, options, useCache);
        } finally {
          this.claims.release(path, bundle);
        }
      }
      if (!(await settledUnlessAborted(claim.settled, options.signal))) {
        const reason = options.signal?.reason;
        return this.finishFailed(bundle, new AbortError({ ...contextOf(bundle), cause: reason }), options);
      }
      // Another checksum needs its own verified download, and an owner stopped by its own caller's
      // signal says nothing about this bundle: either way, try to own the path now.
      const ownerAborted = claim.owner.error?.code === 'ERR_DROVER_ABORTED';
      if (sameChecksum(claim.owner, bundle) && !ownerAborted) return this.share(bundle, claim.owner, options);
    }
  }

  /** A duplicate takes over the result of the bundle that wrote its path. */
  private share<Info>(bundle: Bundle<Info>, owner: Bundle, options: RunOptions): Promise<Bundle<Info>> {
    bundle.duplicateOf = owner;
    bundle.status = owner.status;
    bundle.httpStatus = owner.httpStatus;
    bundle.finalUrl = owner.finalUrl;
    bundle.bytes = owner.bytes;
    bundle.error = owner.error;
    return this.finish(bundle, options);
  }

  /** The run of the bundle that owns its path (or writes none): cache check, then the attempt loop. */
  private async ownedRun<Info>(
    bundle: Bundle<Info>,
    origin: string,
    options: RunOptions,
    useCache: boolean,
  ): Promise<Bundle<Info>> {
    if (useCache) {
      try {
        if (await this.downloadStrategy.isCached(bundle)) {
          bundle.status = 'cached';
          return this.finish(bundle, options);
        }
      } catch (error) {
        return this.finishFailed(
          bundle,
          isDroverError(error) ? error : unexpected('the cache check failed', error, contextOf(bundle)),
          options,
        );
      }
    }
    const signal = combine(this.signal, options.signal);
    bundle.status = 'attempted';
    for (;;) {
      if (signal?.aborted === true) {
        const aborted = new AbortError({ ...contextOf(bundle), cause: signal.reason });
        return this.finishFailed(bundle, aborted, options);
      }
      await waitForCooldown(this.cooldowns, origin, signal);
      const outcome = await scheduleUnlessAborted<AttemptOutcome | typeof DEFERRED>(
        this.limiter,
        origin,
        () => this.attemptInSlot(origin, bundle, signal, options.hooks),
        signal,
      );
      if (outcome === DEFERRED || outcome === NOT_RUN) continue;
      if (outcome.kind !== 'failed') {
        bundle.status = outcome.kind === 'written' ? 'written' : 'cached';
        bundle.error = undefined;
        return this.finish(bundle, options);
      }
      // An afterResponse hook asked to go again at once: an attempt like any other, no question asked.
      const delay =
        outcome.immediate === true && bundle.attempts < this.requestStrategy.options.maxAttempts
          ? 0
          : this.nextDelay(bundle, outcome.error);
      if (typeof delay !== 'number') return this.finishFailed(bundle, delay.error, options);
      const state = {
        bundle,
        attempt: bundle.attempts,
        signal: signal ?? NEVER,
        error: outcome.error,
        delay,
      };
      let stop: boolean;
      try {
        stop = await runHooks(options.hooks?.beforeRetry, state, stopRetrying);
      } catch (error) {
        const failed = isDroverError(error)
          ? error
          : unexpected('a beforeRetry hook failed', error, contextOf(bundle));
        return this.finishFailed(bundle, failed, options);
      }
      if (stop) return this.finishFailed(bundle, outcome.error, options);
      this.emit('retry', { bundle, attempt: bundle.attempts, error: outcome.error, delay });
      if (delay > 0) await sleep(delay, undefined, { signal }).catch(() => undefined);
    }
  }

  /** Check the URL and headers and settle the file path. Returns the origin. Idempotent. */
  private prepare(bundle: Bundle): string {
    let url: URL;
    try {
      url = new URL(bundle.url);
    } catch (error) {
      throw new InvalidUrlError('not a valid absolute URL', { ...contextOf(bundle), cause: error });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InvalidUrlError(`unsupported scheme ${url.protocol}`, contextOf(bundle));
    }
    for (const [name, value] of Object.entries(bundle.headers)) {
      try {
        validateHeaderName(name);
        validateHeaderValue(name, value);
      } catch (error) {
        throw new InvalidRequestError(
          `refusing header ${JSON.stringify(name)}: ${(error as Error).message}`,
          {
            ...contextOf(bundle),
            cause: error,
          },
        );
      }
    }
    if (bundle.filePath === undefined) {
      bundle.filePath = this.downloadStrategy.getFilePath(bundle);
    } else {
      bundle.filePath = path.resolve(this.downloadStrategy.home, bundle.filePath);
    }
    return url.origin;
  }

  /**
   * The job that holds a slot: skip the request while the host cools down (or the run is aborted);
   * otherwise request, and start the host's pause before the slot is given back, so the next bundle
   * in line already sees it.
   */
  private async attemptInSlot(
    origin: string,
    bundle: Bundle,
    signal: AbortSignal | undefined,
    hooks: Hooks | undefined,
  ): Promise<AttemptOutcome | typeof DEFERRED> {
    if (this.cooldowns.remaining(origin) > 0 || signal?.aborted === true) return DEFERRED;
    const outcome = await runAttempt(this.deps, bundle, signal, hooks);
    if (outcome.kind === 'failed') this.coolDownAfter(origin, outcome.error);
    return outcome;
  }

  /** A host that says 429 or 503 with `Retry-After` is paused for every bundle, up to `maxSleep`. */
  private coolDownAfter(origin: string, failure: DroverError): void {
    if (isHttpError(failure) && (failure.status === 429 || failure.status === 503)) {
      const wait = failure.retryAfter;
      if (wait !== undefined && wait > 0)
        this.cooldowns.set(origin, Math.min(wait, this.requestStrategy.options.maxSleep));
    }
  }

  /** The wait before the next attempt, or the reason there is none. */
  private nextDelay(bundle: Bundle, failure: DroverError): number | { error: DroverError } {
    const strategy = this.requestStrategy;
    // Invariants no strategy can change: the attempt cap, aborts, and failures that cannot get better.
    const final = NEVER_RETRIED.has(failure.code) || failure.permanent;
    if (bundle.attempts >= strategy.options.maxAttempts || final) {
      return { error: failure };
    }
    const repeatable =
      !failure.requestSent || IDEMPOTENT.has(bundle.method) || strategy.options.retryNonIdempotent;
    if (!repeatable) return { error: failure };
    try {
      if (!strategy.retry(bundle, failure)) return { error: failure };
      const delay = strategy.getSleepTime(bundle, failure);
      return Number.isFinite(delay) && delay > 0 ? delay : 0;
    } catch (error) {
      return { error: unexpected('the request strategy failed', error, contextOf(bundle)) };
    }
  }

  /** The coordinator is closed: fail the bundle at once, touching nothing (no request, no file). */
  private refuse<Info>(bundle: Bundle<Info>, options: RunOptions): Promise<Bundle<Info>> {
    bundle.status = 'failed';
    bundle.error = new ClosedError(contextOf(bundle));
    return this.finish(bundle, options);
  }

  private async finishFailed<Info>(
    bundle: Bundle<Info>,
    error: DroverError,
    options: RunOptions,
  ): Promise<Bundle<Info>> {
    bundle.status = 'failed';
    bundle.error = this.lifecycle.explain(error, contextOf(bundle));
    try {
      await this.downloadStrategy.onFail(bundle);
    } catch {
      // The bundle already failed; a failing onFail hook must not hide the first error.
    }
    return this.finish(bundle, options);
  }

  /** The bundle is final: tell listeners and `onDone` hooks (a hook that throws rejects `main`). */
  private async finish<Info>(bundle: Bundle<Info>, options: RunOptions): Promise<Bundle<Info>> {
    this.emit('done', { bundle });
    const hooks = options.hooks?.onDone;
    if (hooks !== undefined) {
      await runHooks(hooks, {
        bundle,
        attempt: bundle.attempts,
        signal: options.signal ?? NEVER,
        error: bundle.error,
      });
    }
    return bundle;
  }
}
