import Bottleneck from 'bottleneck';

/** The limits a coordinator enforces. */
export interface LimiterOptions {
  readonly concurrent: number;
  readonly limitPerHost: number;
  readonly minTime: number;
}

function maxConcurrent(limit: number): number | null {
  return Number.isFinite(limit) ? limit : null;
}

/**
 * Slots for attempts: a global Bottleneck (concurrency, least time between starts) behind a
 * Bottleneck.Group keyed by origin (per-host concurrency). The host slot is taken first so a
 * bundle waiting for a busy host never sits on a global slot that other hosts could use.
 */
export class Limiter {
  private readonly global: Bottleneck;
  private readonly perHost: Bottleneck.Group | undefined;

  constructor(options: LimiterOptions) {
    this.global = new Bottleneck({
      maxConcurrent: maxConcurrent(options.concurrent),
      minTime: options.minTime,
    });
    this.perHost = Number.isFinite(options.limitPerHost)
      ? new Bottleneck.Group({ maxConcurrent: options.limitPerHost })
      : undefined;
  }

  /** Run `job` once both the origin and the coordinator have a free slot. */
  schedule<T>(origin: string, job: () => Promise<T>): Promise<T> {
    const run = () => this.global.schedule(job);
    return this.perHost === undefined ? run() : this.perHost.key(origin).schedule(run);
  }

  /** Release timers. Jobs already scheduled still run. */
  async close(): Promise<void> {
    await this.perHost?.disconnect();
    await this.global.disconnect();
  }
}
