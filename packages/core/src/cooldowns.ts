import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Where host pauses live. The coordinator reads `remaining` before every request (synchronously, so
 * keep it local: a shared store mirrors remote pauses into memory, as `@drover/redis` does).
 */
export interface CooldownStore {
  /** Pause `origin` for `ms` from now (an existing longer pause is kept). */
  set(origin: string, ms: number): void;
  /** Milliseconds left in `origin`'s pause, 0 when none. */
  remaining(origin: string): number;
}

/**
 * Per-origin pauses: when a host answers 429 or 503 with `Retry-After`, no new request to it starts
 * until the time has passed, whichever bundle asks.
 */
export class Cooldowns implements CooldownStore {
  private readonly until = new Map<string, number>();

  /** Pause `origin` for `ms` from now (an existing longer pause is kept). */
  set(origin: string, ms: number): void {
    const end = Date.now() + ms;
    if (end > (this.until.get(origin) ?? 0)) this.until.set(origin, end);
  }

  /** Milliseconds left in `origin`'s pause, 0 when none. */
  remaining(origin: string): number {
    const end = this.until.get(origin);
    if (end === undefined) return 0;
    const left = end - Date.now();
    if (left <= 0) this.until.delete(origin);
    return Math.max(0, left);
  }
}

/** Wait until `origin` is not paused in `store` (or `signal` aborts). */
export async function waitForCooldown(
  store: CooldownStore,
  origin: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (
    let left = store.remaining(origin);
    left > 0 && signal?.aborted !== true;
    left = store.remaining(origin)
  ) {
    await sleep(left, undefined, { signal }).catch(() => undefined);
  }
}
