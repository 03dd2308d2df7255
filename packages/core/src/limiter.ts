import Bottleneck from 'bottleneck';
import pLimit, { type LimitFunction } from 'p-limit';

/**
 * What the coordinator needs from a limiter: run a job when `origin` and the whole run have a free
 * slot. Implement it to share limits beyond one process (`@drover/redis` does, on Bottleneck's Redis
 * clustering).
 */
export interface SlotLimiter {
  /** Run `job` once `origin` (scheme://host:port) and the coordinator have a free slot. */
  schedule<T>(origin: string, job: () => Promise<T>): Promise<T>;
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
 * Slots for attempts. The global bound on attempts in flight is a p-limit gate; Bottleneck does what
 * only it does: per-origin concurrency (a `Bottleneck.Group` keyed by origin, later clustered on
 * Redis) and the least time between request starts (`minTime`). Each is used only when configured:
 * Bottleneck schedules every job through a timer, which capped drover at about 330 tiny files/s at
 * concurrency 64 where the p-limit gate reaches about 1 000 (docs/performance.md).
 *
 * The host slot is taken first, so a bundle waiting for a busy host never sits on a global slot that
 * other hosts could use.
 */
export class Limiter implements SlotLimiter {
  private readonly global: LimitFunction;
  private readonly spacing: Bottleneck | undefined;
  private readonly perHost: Bottleneck.Group | undefined;

  constructor(options: LimiterOptions) {
    this.global = pLimit(options.concurrent);
    this.spacing =
      options.minTime > 0 ? new Bottleneck({ maxConcurrent: null, minTime: options.minTime }) : undefined;
    this.perHost = Number.isFinite(options.limitPerHost)
      ? new Bottleneck.Group({ maxConcurrent: options.limitPerHost })
      : undefined;
  }

  /** Run `job` once the origin and the coordinator have a free slot, and its start is due. */
  schedule<T>(origin: string, job: () => Promise<T>): Promise<T> {
    const spaced = this.spacing === undefined ? job : () => (this.spacing as Bottleneck).schedule(job);
    const run = () => this.global(spaced);
    return this.perHost === undefined ? run() : this.perHost.key(origin).schedule(run);
  }

  /** Release timers. Jobs already scheduled still run. */
  async close(): Promise<void> {
    await this.perHost?.disconnect();
    await this.spacing?.disconnect();
  }
}
