import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { loadRedis } from '../load-redis.js';
import { type QueueFlags, queueTarget } from './queue-flags.js';

/** The flags of `drover status`. */
export interface StatusFlags extends QueueFlags {
  readonly json?: boolean;
}

/**
 * `drover status`: the queue's job counts and download outcomes, as one line (or one JSON object).
 * @throws UsageError for a bad flag; MissingPackageError without `@drover/redis`.
 */
export async function runStatus(flags: StatusFlags, io: Io): Promise<number> {
  const target = queueTarget(flags, 'status');
  const { DroverQueue } = await loadRedis('drover status');
  const queue = new DroverQueue(target);
  try {
    const counts = await queue.counts();
    if (flags.json === true) {
      io.stdout.write(`${JSON.stringify({ queue: queue.target.queue, ...counts })}\n`);
    } else {
      io.stdout.write(
        `${queue.target.queue}: ${counts.waiting} waiting, ${counts.active} active, ${counts.delayed} delayed, ` +
          `${counts.completed} done (${counts.written} written, ${counts.cached} cached, ${counts.failed} failed), ` +
          `${counts.workerFailed} lost by workers\n`,
      );
    }
  } finally {
    await queue.close();
  }
  return EXIT.ok;
}
