import type { Worker } from 'bullmq';

interface Lease {
  /** When the job's lock was last known to be held. */
  confirmedAt: number;
  readonly controller: AbortController;
}

/** Share of `lockDuration` without a confirmed renewal after which a download is stopped. */
const DOUBT = 0.75;

/**
 * Stops a download once this worker may have lost its job: BullMQ said the lock renewal failed, or
 * no renewal has succeeded for 3/4 of `lockDuration` (Redis unreachable, say). By then the lock may
 * be about to expire and the stalled-job checker to hand the job to another worker; stopping first
 * keeps two workers from writing one `.part` file at the same time (see docs/distributed.md).
 */
export class LeaseWatch {
  private readonly leases = new Map<string, Lease>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    worker: Worker,
    private readonly lockDuration: number,
  ) {
    worker.on('locksRenewed', ({ jobIds }) => {
      const now = Date.now();
      for (const id of jobIds) {
        const lease = this.leases.get(id);
        if (lease !== undefined) lease.confirmedAt = now;
      }
    });
    worker.on('lockRenewalFailed', (jobIds) => {
      for (const id of jobIds) this.leases.get(id)?.controller.abort(new Error(`lost the lock of job ${id}`));
    });
    this.timer = setInterval(() => this.check(), Math.max(50, lockDuration / 8));
    this.timer.unref();
  }

  /** Watch job `id` from now; its signal aborts when the lock is in doubt. Call `end` when done. */
  watch(id: string): { readonly signal: AbortSignal; end(): void } {
    const lease: Lease = { confirmedAt: Date.now(), controller: new AbortController() };
    this.leases.set(id, lease);
    return {
      signal: lease.controller.signal,
      end: () => {
        if (this.leases.get(id) === lease) this.leases.delete(id);
      },
    };
  }

  /** Stop watching. */
  close(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const limit = Date.now() - DOUBT * this.lockDuration;
    for (const [id, lease] of this.leases) {
      if (lease.confirmedAt < limit) lease.controller.abort(new Error(`the lock of job ${id} is in doubt`));
    }
  }
}
