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
}

/** A limiter job whose slot could not be obtained (Redis trouble): nothing ran, so it is safe to ask again. */
class SlotError extends Error {}

/**
 * How long a limiter may hold queued jobs without starting one before it is nudged. Bottleneck's
 * cluster tells a process about free slots only by messages and its per-client queued counts; a
 * reply lost when Redis restarts can leave a process waiting for a message that never comes.
 */
const NUDGE_AFTER = 3_000;

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
 * scheduling failure before the job started rejects with a {@link SlotError}.
 */
function inSlot<T>(
  limiter: Bottleneck,
  expiration: number,
  job: () => Promise<T>,
  onStart: () => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let started = false;
    limiter
      .schedule({ expiration }, () => {
        started = true;
        onStart();
        const running = job();
        running.then(resolve, reject);
        return running;
      })
      .catch((error: unknown) => {
        if (!started) reject(new SlotError('no slot', { cause: error }));
      });
  });
}

/**
 * Slots shared by every process that uses the same Redis and id, on Bottleneck's Redis clustering:
 * a `Bottleneck.Group` keyed by origin (`limitPerHost`), then one global Bottleneck (`concurrent`,
 * `minTime`). Like core's `Limiter`, the host slot comes first, so a bundle waiting for a busy host
 * holds no global slot. Every job carries an `expiration`, so a crashed process's slots are freed.
 *
 * What is shared: the running counts and the time of the next start, in Redis. What stays local: the
 * queue of waiting jobs (Bottleneck keeps it in each process).
 */
export class RedisLimiter implements SlotLimiter {
  private readonly global: Bottleneck | undefined;
  private readonly perHost: Bottleneck.Group | undefined;
  private readonly expiration: number;
  private readonly globalWait: number;
  private readonly settings: {
    readonly host: number;
    readonly global: number | null;
    readonly minTime: number;
  };
  /** When each limiter last started a job (or was last nudged). */
  private readonly lastStart = new WeakMap<Bottleneck, number>();
  private readonly nudger: NodeJS.Timeout;
  private readonly id: string;
  private closed = false;

  constructor(options: RedisLimiterOptions) {
    const { connection, id } = options;
    this.expiration = options.expiration;
    this.globalWait = options.globalWait ?? 10_000;
    this.id = id;
    const spaced = options.minTime > 0;
    this.global =
      Number.isFinite(options.concurrent) || spaced
        ? new Bottleneck({
            id: `${id}-global`,
            connection,
            maxConcurrent: Number.isFinite(options.concurrent) ? options.concurrent : null,
            minTime: options.minTime,
          })
        : undefined;
    this.perHost = Number.isFinite(options.limitPerHost)
      ? new Bottleneck.Group({ id: `${id}-host`, connection, maxConcurrent: options.limitPerHost })
      : undefined;
    // Redis errors surface as rejected schedules (retried below); the events would only be noise.
    this.global?.on('error', () => undefined);
    this.perHost?.on('created', (limiter) => limiter.on('error', () => undefined));
    this.settings = {
      host: options.limitPerHost,
      global: Number.isFinite(options.concurrent) ? options.concurrent : null,
      minTime: options.minTime,
    };
    this.nudger = setInterval(() => this.nudge(), NUDGE_AFTER / 2);
    this.nudger.unref();
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
    clearInterval(this.nudger);
    await Promise.all([this.global?.disconnect(false), this.perHost?.disconnect(false)]);
  }

  /**
   * Re-apply the settings of every limiter that has held queued jobs without starting one for
   * {@link NUDGE_AFTER} ms: Bottleneck then tells every process the capacity, and they drain.
   */
  private nudge(): void {
    const now = Date.now();
    const stuck = (limiter: Bottleneck): boolean => {
      if (limiter.queued() === 0 || now - (this.lastStart.get(limiter) ?? 0) < NUDGE_AFTER) return false;
      this.lastStart.set(limiter, now);
      return true;
    };
    const nudged: Array<Promise<unknown>> = [];
    if (this.global !== undefined && stuck(this.global)) {
      nudged.push(
        this.reapply(this.global, { maxConcurrent: this.settings.global, minTime: this.settings.minTime }),
      );
    }
    for (const { limiter } of this.perHost?.limiters() ?? []) {
      if (stuck(limiter)) nudged.push(this.reapply(limiter, { maxConcurrent: this.settings.host }));
    }
    void Promise.all(nudged);
  }

  private reapply(limiter: Bottleneck, settings: Bottleneck.ConstructorOptions): Promise<unknown> {
    // Typed as returning the limiter, it returns a promise of it in cluster mode.
    return Promise.resolve(limiter.updateSettings(settings) as unknown).catch(() => undefined);
  }

  /**
   * Repair the running counts in Redis of every limiter this process uses, after a reconnect: ioredis
   * resends commands whose replies were lost, and a `register` that had already run would otherwise
   * hold a slot forever. (Bottleneck keeps `running` equal to the sum of `job_weights`.)
   */
  async recount(client: Pick<Redis, 'eval'>): Promise<void> {
    const ids = [
      ...(this.global === undefined ? [] : [`${this.id}-global`]),
      ...(this.perHost?.limiters().map(({ key }) => `${this.id}-host-${key}`) ?? []),
    ];
    await Promise.all(
      ids.map((id) =>
        client.eval(RECOUNT, 2, `b_${id}_settings`, `b_${id}_job_weights`).catch(() => undefined),
      ),
    );
  }

  /** One try: the host slot, then a global slot within `globalWait`. */
  private turn<T>(origin: string, job: () => Promise<T>): Promise<Turn<T>> {
    if (this.perHost === undefined) return this.globalTurn(job, Number.POSITIVE_INFINITY);
    const host = this.perHost.key(origin);
    return inSlot(
      host,
      this.expiration + this.globalWait,
      () => this.globalTurn(job, this.globalWait),
      () => this.lastStart.set(host, Date.now()),
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
        global,
        this.expiration,
        async () => {
          // An abandoned job still gets its turn in Bottleneck's queue; it ends at once.
          if (state === 'abandoned') return undefined;
          state = 'running';
          clearTimeout(timer);
          return job();
        },
        () => this.lastStart.set(global, Date.now()),
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
}
