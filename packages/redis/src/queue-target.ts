import type { RedisTarget } from './connection.js';
import { expectName } from './validate.js';

/** Which queue: the producer, the workers and `drover status` must agree on all three. */
export interface QueueTarget {
  /** Where Redis is: a URL or ioredis options. */
  readonly redis: RedisTarget;
  /** The queue's name. @default 'drover' */
  readonly queue?: string;
  /** BullMQ's key prefix. @default 'bull' */
  readonly prefix?: string;
}

/** {@link QueueTarget} with defaults applied. */
export interface NormalizedQueueTarget {
  readonly redis: RedisTarget;
  readonly queue: string;
  readonly prefix: string;
}

/** Apply the defaults and check the names. */
export function normalizeTarget(target: QueueTarget): NormalizedQueueTarget {
  return {
    redis: target.redis,
    queue: expectName('queue', target.queue ?? 'drover'),
    prefix: expectName('prefix', target.prefix ?? 'bull'),
  };
}

/** The hash of download outcomes (`written`, `cached`, `failed`) the workers count into. */
export function outcomesKey(target: NormalizedQueueTarget): string {
  return `drover:${target.prefix}:${target.queue}:outcomes`;
}
