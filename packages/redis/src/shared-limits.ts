import { type CooldownStore, RequestStrategy, type SlotLimiter } from '@drover/core';
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { createRedis, quietErrors, type RedisTarget } from './connection.js';
import { RedisCooldowns } from './redis-cooldowns.js';
import { RedisLimiter } from './redis-limiter.js';
import { expectInteger, expectName, expectNumber } from './validate.js';

/** The numbers {@link createRedisLimits} enforces across processes, when no request strategy gives them. */
export interface SharedLimits {
  /** Attempts in flight at once across every process. @default Infinity */
  readonly concurrent?: number;
  /** Attempts in flight at once per origin across every process. @default Infinity */
  readonly limitPerHost?: number;
  /** Least time between two request starts across every process, in ms. @default 0 */
  readonly minTime?: number;
}

/** Options of {@link createRedisLimits}. */
export interface RedisLimitsOptions {
  /** Where Redis is: a URL or ioredis options. */
  readonly redis: RedisTarget;
  /**
   * The namespace of the limits and pauses in Redis: every process passing the same id shares them.
   * All of them should pass the same limits (Bottleneck keeps the settings of the first).
   * @default 'drover'
   */
  readonly id?: string;
  /**
   * The limits: a request strategy (its `concurrent`, `limitPerHost` and `minTime`, and its `timeout`
   * for the default expiration) or the numbers themselves.
   * @default no limit (only host pauses are shared)
   * @example new BackOff({ concurrent: 32, limitPerHost: 2 })
   */
  readonly limits?: RequestStrategy | SharedLimits;
  /**
   * How long one attempt may hold a slot, in ms, before Bottleneck frees it in Redis: the slots of a
   * process that crashed come back after this long. Keep it above the longest attempt.
   * @default the strategy's `timeout` + 30_000 (90_000 without a strategy or without a total `timeout`)
   */
  readonly expiration?: number;
  /**
   * How long a host's limiter may stay unused before this process drops it (and Redis its keys).
   * @default 300_000
   */
  readonly idleAfter?: number;
}

/** What {@link createRedisLimits} makes: pass `limiter` and `cooldowns` to `new AioDownload`. */
export interface RedisLimits {
  /** Slots shared through Redis (Bottleneck clustering). */
  readonly limiter: SlotLimiter;
  /** Host pauses shared through Redis. */
  readonly cooldowns: CooldownStore;
  /** Close the limiter and the Redis connections. Call it after the coordinators using them are done. */
  close(): Promise<void>;
}

/** Margin added to an attempt's timeout for the default expiration. */
const EXPIRATION_MARGIN = 30_000;
/** The attempt length assumed when the strategy has no total deadline (the core default). */
const UNBOUNDED_ATTEMPT = 60_000;

/**
 * How long a slot may be held before Redis frees it: the strategy's total `timeout` + 30 s, or
 * 90 s when the strategy has none (an attempt longer than that may let one more request through
 * for its host until it ends).
 */
export function defaultExpiration(timeout: number): number {
  return (timeout > 0 ? timeout : UNBOUNDED_ATTEMPT) + EXPIRATION_MARGIN;
}

function numbersOf(limits: RequestStrategy | SharedLimits | undefined) {
  const source = limits instanceof RequestStrategy ? limits.options : (limits ?? {});
  return {
    concurrent: expectInteger('concurrent', source.concurrent ?? Number.POSITIVE_INFINITY, 1, true),
    limitPerHost: expectInteger('limitPerHost', source.limitPerHost ?? Number.POSITIVE_INFINITY, 1, true),
    minTime: expectNumber('minTime', source.minTime ?? 0, 0),
  };
}

/**
 * Limits and host pauses that hold across every process and machine using the same Redis and `id`.
 * Resolves once connected. The coordinators borrow what it makes: close them first, then this.
 *
 * @example
 * const shared = await createRedisLimits({
 *   redis: 'redis://127.0.0.1:6379',
 *   id: 'crawl-42',
 *   limits: new BackOff({ limitPerHost: 2 }),
 * });
 * const download = new AioDownload({ limiter: shared.limiter, cooldowns: shared.cooldowns });
 * // ... swarm(urls, download) ...
 * await download.close();
 * await shared.close();
 */
export async function createRedisLimits(options: RedisLimitsOptions): Promise<RedisLimits> {
  const id = expectName('id', options.id ?? 'drover');
  const numbers = numbersOf(options.limits);
  const timeout = options.limits instanceof RequestStrategy ? options.limits.options.timeout : 0;
  const expiration = expectInteger('expiration', options.expiration ?? defaultExpiration(timeout), 1);
  const client = quietErrors(createRedis(options.redis));
  const subscriber = quietErrors(client.duplicate());
  // Bottleneck would `require('ioredis')` from its own folder, which pnpm does not let it see.
  const connection = new Bottleneck.IORedisConnection({ client, Redis });
  connection.on('error', () => undefined);
  const idle =
    options.idleAfter === undefined ? {} : { idleAfter: expectInteger('idleAfter', options.idleAfter, 1) };
  const limiter = new RedisLimiter({ connection, id, expiration, ...idle, ...numbers });
  const cooldowns = new RedisCooldowns(client, subscriber, id);
  await Promise.all([connection.ready, cooldowns.ready]);
  // ioredis resends the commands whose replies a disconnect lost; a limiter script that had run is
  // then counted twice. Recount once connected again (the recount queues behind the resends).
  client.on('ready', () => void limiter.recount(client));
  let closing: Promise<void> | undefined;
  return {
    limiter,
    cooldowns,
    close: () => {
      closing ??= (async () => {
        await limiter.close();
        await connection.disconnect(true);
        subscriber.disconnect();
      })();
      return closing;
    },
  };
}
