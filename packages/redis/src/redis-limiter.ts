import { setTimeout as sleep } from 'node:timers/promises';
import type { LimiterOptions, SlotLimiter } from '@drover/core';
import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';

/** Options of {@link RedisLimiter}. */
export interface RedisLimiterOptions extends LimiterOptions {
  /** The Bottleneck connection every limiter of this process shares (borrowed: `close()` leaves it open). */
  readonly connection: Bottleneck.IORedisConnection;
  /** The namespace of the limits in Redis: processes with the same id share them. */
  readonly id: string;
  /**
   * How long one attempt may hold a slot before Bottleneck frees it in Redis, so the slots of a
   * crashed process come back. Must exceed the longest attempt.
   */
  readonly expiration: number;
  /**
   * How long a bundle holding its host slot waits for a global slot before it gives the host slot back
   * and queues again (so a host slot is never held for long by a bundle that is not requesting).
   * @default 10_000
   */
  readonly globalWait?: number;
  /**
   * Host limiters idle this long are dropped (their Redis keys expire after the same time).
   * @default 300_000
   */
  readonly idleAfter?: number;
}

/** A limiter job whose slot could not be obtained (Redis trouble): nothing ran, so it is safe to ask again. */
class SlotError extends Error {}

/**
 * How long a limiter may hold waiting jobs without starting one before it is nudged (its settings
 * re-applied, so Bottleneck announces the capacity to every process), and, after twice as long with
 * free capacity in Redis (or no answer), replaced by a fresh instance. Bottleneck's cluster tells a
 * process about free slots only by messages and per-client counters, and a reply lost when Redis
 * dies can leave a process waiting for a message that never comes.
 */
const NUDGE_AFTER = 3_000;
/** Host limiters idle this long are dropped unless `idleAfter` says otherwise. */
const IDLE_AFTER = 300_000;

/**
 * Let a limiter go without waiting: never throws. With a shared ioredis connection Bottleneck's
 * `disconnect` returns no promise at all, so `.catch` on it threw and crashed the worker (issue #14).
 */
function letGo(limiter: Bottleneck): Promise<void> {
  try {
    return Promise.resolve(limiter.disconnect(false)).then(
      () => undefined,
      () => undefined,
    );
  } catch {
    return Promise.resolve();
  }
}

/**
 * Sets a Bottleneck limiter's running count to the sum of the weights of its registered jobs, which
 * is what it always is unless a `register` ran twice (resent after a reconnect).
 */
const RECOUNT = `
local total = 0
for _, weight in ipairs(redis.call('HVALS', KEYS[2])) do total = total + tonumber(weight) end
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'running', total) end
return total`;

/** Delays between attempts to obtain a slot while Redis misbehaves. */
const RETRY_MIN = 100;
const RETRY_MAX = 5_000;

type Turn<T> = { readonly ran: true; readonly value: T } | { readonly ran: false };

/**
 * Run `job` in a slot of `limiter`. Resolves or rejects with the job's own outcome, even when
 * Bottleneck gives up on it first (expiration): the job is never run twice or left unwatched. A
 * scheduling failure before the job started, or `retired` aborting first, rejects with a
 * {@link SlotError} (a job abandoned that way ends at once if Bottleneck still starts it).
 */
function inSlot<T>(
  limiter: Bottleneck,
  expiration: number,
  job: () => Promise<T>,
  hooks: { readonly onStart: () => void; readonly retired?: AbortSignal },
): Promise<T> {
  return new Promise((resolve, reject) => {
    let state: 'waiting' | 'started' | 'abandoned' = 'waiting';
    const abandon = (): void => {
      if (state !== 'waiting') return;
      state = 'abandoned';
      reject(new SlotError('the limiter was replaced'));
    };
    hooks.retired?.addEventListener('abort', abandon, { once: true });
    limiter
      .schedule({ expiration }, async () => {
        hooks.retired?.removeEventListener('abort', abandon);
        if (state === 'abandoned') return undefined;
        state = 'started';
        hooks.onStart();
        const running = job();
        running.then(resolve, reject);
        return running;
      })
      .catch((error: unknown) => {
        hooks.retired?.removeEventListener('abort', abandon);
        if (state === 'waiting') {
          state = 'abandoned';
          reject(new SlotError('no slot', { cause: error }));
        }
      });
  });
}

/** One Bottleneck instance and what the watchdog knows of it. */
interface Slot {
  readonly limiter: Bottleneck;
  /** Aborts when the instance is replaced: its waiting jobs go to the new one. */
  readonly retired: AbortController;
  /** The latest job start, nudge or creation. */
  lastStart: number;
  /** When it was nudged without effect since its last start. */
  nudgedAt: number | undefined;
}

function waiting(limiter: Bottleneck): number {
  const counts = limiter.counts();
  return counts.RECEIVED + counts.QUEUED;
}

/** `promise`, or `fallback` when it takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

/**
 * Slots shared by every process that uses the same Redis and id, on Bottleneck's Redis clustering:
 * one Bottleneck per origin (`limitPerHost`, ids `<id>-host-<origin>`), then one global Bottleneck
 * (`concurrent`, `minTime`). Like core's `Limiter`, the host slot comes first, so a bundle waiting for
 * a busy host holds no global slot. Every job carries an `expiration`, so a crashed process's slots
 * are freed.
 *
 * What is shared: the running counts and the time of the next start, in Redis. What stays local: the
 * queue of waiting jobs (Bottleneck keeps it in each process).
 */
export class RedisLimiter implements SlotLimiter {
  private readonly connection: Bottleneck.IORedisConnection;
  private readonly id: string;
  private readonly limits: LimiterOptions;
  private readonly expiration: number;
  private readonly globalWait: number;
  private readonly idleAfter: number;
  private global: Slot | undefined;
  private readonly hosts = new Map<string, Slot>();
  private readonly watchdog: NodeJS.Timeout;
  private closed = false;

  constructor(options: RedisLimiterOptions) {
    this.connection = options.connection;
    this.id = options.id;
    this.limits = {
      concurrent: options.concurrent,
      limitPerHost: options.limitPerHost,
      minTime: options.minTime,
    };
    this.expiration = options.expiration;
    this.globalWait = options.globalWait ?? 10_000;
    this.idleAfter = options.idleAfter ?? IDLE_AFTER;
    this.global =
      Number.isFinite(options.concurrent) || options.minTime > 0
        ? this.slot(this.globalSettings())
        : undefined;
    this.watchdog = setInterval(() => void this.watch(), NUDGE_AFTER / 2);
    this.watchdog.unref();
  }

  /** Run `job` once `origin` and the whole cluster have a free slot. */
  async schedule<T>(origin: string, job: () => Promise<T>): Promise<T> {
    for (let delay = RETRY_MIN; ; delay = Math.min(2 * delay, RETRY_MAX)) {
      if (this.closed) throw new Error('the Redis limiter is closed');
      try {
        const turn = await this.turn(origin, job);
        if (turn.ran) return turn.value;
        delay = RETRY_MIN / 2;
      } catch (error) {
        if (!(error instanceof SlotError)) throw error;
        await sleep(delay);
      }
    }
  }

  /** Stop scheduling and drop this process's limiters (the shared state in Redis stays). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    const slots = [...this.hosts.values(), ...(this.global === undefined ? [] : [this.global])];
    this.hosts.clear();
    await Promise.all(slots.map((slot) => letGo(slot.limiter)));
  }

  /**
   * Repair the running counts in Redis of every limiter this process uses, after a reconnect: ioredis
   * resends commands whose replies were lost, and a `register` that had already run would otherwise
   * hold a slot forever. (Bottleneck keeps `running` equal to the sum of `job_weights`.)
   */
  async recount(client: Pick<Redis, 'eval'>): Promise<void> {
    const ids = [
      ...(this.global === undefined ? [] : [`${this.id}-global`]),
      ...[...this.hosts.keys()].map((origin) => `${this.id}-host-${origin}`),
    ];
    await Promise.all(
      ids.map((id) =>
        client.eval(RECOUNT, 2, `b_${id}_settings`, `b_${id}_job_weights`).catch(() => undefined),
      ),
    );
  }

  private globalSettings(): Bottleneck.ConstructorOptions {
    const { concurrent, minTime } = this.limits;
    return {
      id: `${this.id}-global`,
      maxConcurrent: Number.isFinite(concurrent) ? concurrent : null,
      minTime,
    };
  }

  private hostSettings(origin: string): Bottleneck.ConstructorOptions {
    return {
      id: `${this.id}-host-${origin}`,
      maxConcurrent: this.limits.limitPerHost,
      timeout: this.idleAfter,
    };
  }

  private slot(settings: Bottleneck.ConstructorOptions): Slot {
    const limiter = new Bottleneck({ ...settings, connection: this.connection });
    // Redis errors surface as rejected schedules (retried above); the events would only be noise.
    limiter.on('error', () => undefined);
    return { limiter, retired: new AbortController(), lastStart: Date.now(), nudgedAt: undefined };
  }

  private host(origin: string): Slot {
    let slot = this.hosts.get(origin);
    if (slot === undefined) {
      slot = this.slot(this.hostSettings(origin));
      this.hosts.set(origin, slot);
    }
    return slot;
  }

  /** One try: the host slot, then a global slot within `globalWait`. */
  private turn<T>(origin: string, job: () => Promise<T>): Promise<Turn<T>> {
    if (!Number.isFinite(this.limits.limitPerHost)) return this.globalTurn(job, Number.POSITIVE_INFINITY);
    const host = this.host(origin);
    return inSlot(
      host.limiter,
      this.expiration + this.globalWait,
      () => this.globalTurn(job, this.globalWait),
      {
        onStart: () => this.started(host),
        retired: host.retired.signal,
      },
    );
  }

  /** Run `job` in a global slot, or give up (`ran: false`) when none came within `wait` ms. */
  private globalTurn<T>(job: () => Promise<T>, wait: number): Promise<Turn<T>> {
    const global = this.global;
    if (global === undefined) return job().then((value) => ({ ran: true, value }));
    return new Promise((resolve, reject) => {
      let state: 'queued' | 'running' | 'abandoned' = 'queued';
      const timer = Number.isFinite(wait)
        ? setTimeout(() => {
            if (state !== 'queued') return;
            state = 'abandoned';
            resolve({ ran: false });
          }, wait)
        : undefined;
      inSlot(
        global.limiter,
        this.expiration,
        async () => {
          // An abandoned job still gets its turn in Bottleneck's queue; it ends at once.
          if (state === 'abandoned') return undefined;
          state = 'running';
          clearTimeout(timer);
          return job();
        },
        { onStart: () => this.started(global), retired: global.retired.signal },
      ).then(
        (value) => {
          if (state === 'running') resolve({ ran: true, value: value as T });
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (state !== 'abandoned') reject(error);
        },
      );
    });
  }

  private started(slot: Slot): void {
    slot.lastStart = Date.now();
    slot.nudgedAt = undefined;
  }

  /** Nudge, then replace, limiters that hold waiting jobs and start none; drop idle host limiters. */
  private async watch(): Promise<void> {
    const now = Date.now();
    if (this.global !== undefined && (await this.stuck(this.global, this.limits.concurrent, now))) {
      const stale = this.global;
      this.global = this.slot(this.globalSettings());
      this.retire(stale);
    }
    for (const [origin, slot] of this.hosts) {
      if (waiting(slot.limiter) === 0 && slot.limiter.counts().EXECUTING === 0) {
        if (now - slot.lastStart > this.idleAfter) {
          this.hosts.delete(origin);
          void letGo(slot.limiter);
        }
      } else if (await this.stuck(slot, this.limits.limitPerHost, now)) {
        this.hosts.set(origin, this.slot(this.hostSettings(origin)));
        this.retire(slot);
      }
    }
  }

  /** Whether `slot` should be replaced; nudges it first. */
  private async stuck(slot: Slot, max: number, now: number): Promise<boolean> {
    if (waiting(slot.limiter) === 0 || now - slot.lastStart < NUDGE_AFTER) return false;
    if (slot.nudgedAt === undefined) {
      slot.nudgedAt = now;
      // Typed as returning the limiter, it returns a promise of it in cluster mode.
      const applied = slot.limiter.updateSettings({
        maxConcurrent: Number.isFinite(max) ? max : null,
      }) as unknown;
      void Promise.resolve(applied).catch(() => undefined);
      return false;
    }
    if (now - slot.nudgedAt < 2 * NUDGE_AFTER) return false;
    // Busy for real (every slot taken in the cluster) is not stuck; no answer at all is.
    const running = await within(slot.limiter.running(), 2_000, Number.NaN);
    return !(running >= max);
  }

  /** Send the waiting jobs of a replaced limiter to its successor, and let it go. */
  private retire(slot: Slot): void {
    slot.retired.abort();
    void letGo(slot.limiter);
  }
}
