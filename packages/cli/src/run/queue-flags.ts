import type { QueueTarget } from '@drover/redis';
import { UsageError } from '../usage-error.js';

/** `--redis` and `--queue`, as commander hands them over. */
export interface QueueFlags {
  readonly redis?: string;
  readonly queue?: string;
}

/**
 * The queue the flags name.
 * @throws UsageError when `--redis` is missing or not a redis:// or rediss:// URL.
 */
export function queueTarget(flags: QueueFlags, command: string): QueueTarget {
  const { redis } = flags;
  if (redis === undefined) throw new UsageError(`${command} expects --redis URL`);
  if (!/^rediss?:\/\//.test(redis) || !URL.canParse(redis)) {
    throw new UsageError(`--redis expects a redis:// or rediss:// URL, got ${JSON.stringify(redis)}`);
  }
  if (flags.queue !== undefined && !/^\S+$/.test(flags.queue)) {
    throw new UsageError(`--queue expects a name without spaces, got ${JSON.stringify(flags.queue)}`);
  }
  return { redis, ...(flags.queue === undefined ? {} : { queue: flags.queue }) };
}
