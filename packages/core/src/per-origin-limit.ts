import pLimit, { type LimitFunction } from 'p-limit';

/**
 * A concurrency gate per origin (a keyed semaphore): at most `limit` jobs of one origin run at once,
 * with no timer per job (Bottleneck's Group schedules every job through one, which capped a per-host
 * limit at ~420 tiny files/s in-process; docs/performance.md). A gate lives while it has jobs, so
 * memory follows the origins in use, not every origin ever seen.
 */
export class PerOriginLimit {
  private readonly gates = new Map<string, LimitFunction>();

  constructor(private readonly limit: number) {}

  /** Run `job` once `origin` has a free slot. */
  run<T>(origin: string, job: () => Promise<T>): Promise<T> {
    let gate = this.gates.get(origin);
    if (gate === undefined) {
      gate = pLimit(this.limit);
      this.gates.set(origin, gate);
    }
    const own = gate;
    return own(job).finally(() => {
      // Only an empty gate goes: one with a job running or queued keeps counting for its origin.
      if (own.activeCount === 0 && own.pendingCount === 0 && this.gates.get(origin) === own) {
        this.gates.delete(origin);
      }
    });
  }

  /** Origins with a gate now (running or queued jobs). */
  get size(): number {
    return this.gates.size;
  }
}
