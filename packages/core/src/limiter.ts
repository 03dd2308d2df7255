import Bottleneck from 'bottleneck';
import pLimit, { type LimitFunction } from 'p-limit';
import { PerOriginLimit } from './per-origin-limit.js';

/**
 * What the coordinator needs from a limiter: run a job when `origin` and the whole run have a free
 * slot. Implement it to share limits beyond one process (`@drover/redis` does, on Bottleneck's Redis
 * clustering).
 */
export interface SlotLimiter {
  /**
   * Run `job` once `origin` (scheme://host:port) and the coordinator have a free slot. When `signal`
   * aborts before the job starts, the job must never run and should give back any place it holds (the
   * coordinator stops waiting for it at once either way).
   */
  schedule<T>(origin: string, job: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Release timers and connections the limiter owns. */
  close(): Promise<void>;
}

/** The limits a coordinator enforces. */
export interface LimiterOptions {
  readonly concurrent: number;
  readonly limitPerHost: number;
  readonly minTime: number;
}

/**
 * Slots for attempts. The global bound on attempts in flight is a p-limit gate, and so is each
 * origin's (`PerOriginLimit`, a keyed semaphore); Bottleneck does what only it does here: the least
 * time between request starts (`minTime`), and, in `@drover/redis`, limits shared through Redis.
 * Each is used only when configured: Bottleneck schedules every job through a timer, which capped a
 * per-host limit at about 420 tiny files/s where p-limit gates cost no timer (docs/performance.md).
 *
 * The host slot is taken first, so a bundle waiting for a busy host never sits on a global slot that
 * other hosts could use.
 */
export class Limiter implements SlotLimiter {
  private readonly global: LimitFunction;
  private readonly spacing: Bottleneck | undefined;
  private readonly perHost: PerOriginLimit | undefined;

  constructor(options: LimiterOptions) {
    this.global = pLimit(options.concurrent);
    this.spacing =
      options.minTime > 0 ? new Bottleneck({ maxConcurrent: null, minTime: options.minTime }) : undefined;
    this.perHost = Number.isFinite(options.limitPerHost)
      ? new PerOriginLimit(options.limitPerHost)
      : undefined;
  }

  /**
   * Run `job` once the origin and the coordinator have a free slot, and its start is due. A job whose
   * `signal` aborts before it starts never runs, and each gate it waits in lets go at once: the
   * per-host and global slots are free for others, and its promise rejects with the abort reason.
   * (Bottleneck cannot drop a queued job, so one waiting for its `minTime` turn keeps that turn.)
   */
  schedule<T>(origin: string, job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let started = false;
    const gate = <R>(enter: () => Promise<R>) => {
      if (signal === undefined) return enter;
      return () =>
        signal.aborted ? Promise.reject(signal.reason) : untilAborted(enter(), signal, () => started);
    };
    const start = gate(() => {
      started = true;
      return job();
    });
    const spaced =
      this.spacing === undefined ? start : gate(() => (this.spacing as Bottleneck).schedule(start));
    const run = gate(() => this.global(spaced));
    return this.perHost === undefined
      ? run()
      : gate(() => (this.perHost as PerOriginLimit).run(origin, run))();
  }

  /** Release timers. Jobs already scheduled still run. */
  async close(): Promise<void> {
    await this.spacing?.disconnect();
  }
}

/**
 * `promise`, or a rejection with the abort reason as soon as `signal` aborts while `started()` is
 * still false: a queued job stops waiting, a running one is left to finish.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, started: () => boolean): Promise<T> {
  if (started()) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      if (!started()) reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** What {@link scheduleUnlessAborted} resolves with when the job never ran. */
export const NOT_RUN: unique symbol = Symbol('not run');

/**
 * Schedule `job` on any limiter, and stop waiting as soon as `signal` aborts before the job starts
 * (whether or not the limiter honours the signal): resolves with {@link NOT_RUN}, and the job, should
 * the limiter still call it, does not run.
 */
export function scheduleUnlessAborted<T>(
  limiter: SlotLimiter,
  origin: string,
  job: () => Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T | typeof NOT_RUN> {
  if (signal === undefined) return limiter.schedule(origin, job);
  if (signal.aborted) return Promise.resolve(NOT_RUN);
  let started = false;
  const guarded = (): Promise<T | typeof NOT_RUN> => {
    if (signal.aborted) return Promise.resolve(NOT_RUN);
    started = true;
    return job();
  };
  return untilAborted(limiter.schedule(origin, guarded, signal), signal, () => started).catch(
    (error: unknown) => {
      if (started) throw error;
      return NOT_RUN;
    },
  );
}
