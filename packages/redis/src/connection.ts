import { Redis, type RedisOptions } from 'ioredis';

/**
 * Where Redis is: a URL (`redis://127.0.0.1:6379/0`, `rediss://` for TLS) or ioredis options.
 * @example 'redis://:password@redis.internal:6379/2'
 */
export type RedisTarget = string | RedisOptions;

/**
 * A new ioredis client for `target`. Commands wait while Redis is unreachable (no per-command retry
 * limit, the offline queue on) instead of failing: workers ride out a Redis restart, and BullMQ needs
 * `maxRetriesPerRequest: null` on the connections it blocks on anyway.
 */
export function createRedis(target: RedisTarget, overrides: RedisOptions = {}): Redis {
  const defaults: RedisOptions = { maxRetriesPerRequest: null, enableOfflineQueue: true };
  return typeof target === 'string'
    ? new Redis(target, { ...defaults, ...overrides })
    : new Redis({ ...defaults, ...target, ...overrides });
}

/** Ignore the `error` events of a client whose failures show up as rejected commands anyway. */
export function quietErrors(client: Redis): Redis {
  client.on('error', () => undefined);
  return client;
}
