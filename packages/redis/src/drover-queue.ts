import { setTimeout as sleep } from 'node:timers/promises';
import type { Items } from '@drover/core';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, quietErrors } from './connection.js';
import { type DownloadResult, workerFailure } from './download-result.js';
import { type EnqueueItem, type JobItem, jobIdOf, toJobItem } from './job-item.js';
import {
  type NormalizedQueueTarget,
  normalizeTarget,
  outcomesKey,
  type QueueTarget,
} from './queue-target.js';

/** One item as `enqueue` placed it. */
export interface EnqueuedJob {
  /** The BullMQ job id (a hash of the key). */
  readonly id: string;
  /** The key it was deduplicated by. */
  readonly key: string;
  readonly url: string;
  /** `false` when a job with the same key was already in the queue (waiting, running or finished). */
  readonly added: boolean;
}

/** Options of {@link DroverQueue.enqueue}. */
export interface EnqueueOptions {
  /**
   * The dedupe key of each item.
   * @default the item's own `key`, else its URL
   */
  readonly key?: (item: JobItem) => string;
  /** Items sent to Redis in one round trip. @default 500 */
  readonly batchSize?: number;
  /** Called once per item, in input order, after its batch reached Redis. */
  readonly onJob?: (job: EnqueuedJob) => void;
}

/** What `enqueue` did. */
export interface EnqueueSummary {
  /** New jobs. */
  readonly added: number;
  /** Items skipped because their key was already in the queue (or earlier in the same input). */
  readonly duplicates: number;
}

/** The queue's progress: BullMQ's job states and the download outcomes the workers counted. */
export interface QueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  /** Jobs finished with a stored result (the download may have failed: see `failed` below). */
  readonly completed: number;
  /** Jobs no worker could finish (stalled too often, or a crashed processor): `ERR_DROVER_WORKER` results. */
  readonly workerFailed: number;
  /** Completed jobs by download outcome. */
  readonly written: number;
  readonly cached: number;
  readonly failed: number;
}

/** Options of {@link DroverQueue.follow}. */
export interface FollowOptions {
  /** Stop following (the generator returns). */
  readonly signal?: AbortSignal;
  /** How often unfinished jobs are looked up, in ms. @default 500 */
  readonly interval?: number;
}

/** Fields of a BullMQ job hash that tell whether and how it finished. */
const FINISH_FIELDS = ['timestamp', 'finishedOn', 'returnvalue', 'failedReason'] as const;
/** Jobs looked up per round trip while following. */
const LOOKUP_CHUNK = 1_000;

function parseResult(text: string | null): DownloadResult | undefined {
  if (text === null || text === '') return undefined;
  try {
    const value = JSON.parse(text) as DownloadResult | null;
    return value !== null && typeof value === 'object' && typeof value.status === 'string'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The producer's side of a distributed swarm: a BullMQ queue of downloads. Add URLs with `enqueue`
 * (deduplicated by URL or your key), follow them with `follow`, read every stored result with
 * `results`, and watch progress with `counts`. Workers (`startWorker`) do the downloading.
 *
 * @example
 * const queue = new DroverQueue({ redis: 'redis://127.0.0.1:6379', queue: 'mirror' });
 * const jobs: EnqueuedJob[] = [];
 * await queue.enqueue(['https://example.com/a.zip'], { onJob: (job) => jobs.push(job) });
 * for await (const result of queue.follow(jobs)) console.log(result.status, result.url);
 * await queue.close();
 */
export class DroverQueue {
  /** Queue name, prefix and Redis, defaults applied. */
  readonly target: NormalizedQueueTarget;
  /** The BullMQ queue, for anything this class does not cover. */
  readonly queue: Queue<JobItem, DownloadResult>;
  private readonly client: Redis;

  constructor(target: QueueTarget) {
    this.target = normalizeTarget(target);
    this.client = quietErrors(createRedis(this.target.redis));
    this.queue = new Queue<JobItem, DownloadResult>(this.target.queue, {
      connection: this.client,
      prefix: this.target.prefix,
    });
    this.queue.on('error', () => undefined);
  }

  /**
   * Add downloads, in batches, skipping any whose key is already in the queue: a job id is the hash
   * of its key, and BullMQ never adds a job id twice. Finished jobs keep their id (and result), so
   * enqueueing the same URLs again adds nothing. Each job gets one BullMQ attempt: HTTP retries are
   * the request strategy's business; a crashed worker's job comes back through stalled-job recovery.
   */
  async enqueue(items: Items<EnqueueItem>, options: EnqueueOptions = {}): Promise<EnqueueSummary> {
    const batchSize = options.batchSize ?? 500;
    let added = 0;
    let duplicates = 0;
    let batch: JobItem[] = [];
    const flush = async (): Promise<void> => {
      const jobs = await this.addBatch(batch, options.key);
      batch = [];
      for (const job of jobs) {
        if (job.added) added++;
        else duplicates++;
        options.onJob?.(job);
      }
    };
    for await (const item of items) {
      batch.push(toJobItem(item));
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    return { added, duplicates };
  }

  /**
   * Yield the result of each job as it finishes (in completion order, roughly), until every one has
   * or `signal` aborts. Jobs already finished come first. Polls Redis, so it survives restarts and
   * never misses a result.
   */
  async *follow(
    jobs: Iterable<Pick<EnqueuedJob, 'id' | 'key' | 'url'>>,
    options: FollowOptions = {},
  ): AsyncGenerator<DownloadResult> {
    const pending = new Map<string, Pick<EnqueuedJob, 'key' | 'url'>>();
    for (const job of jobs) pending.set(job.id, job);
    const interval = options.interval ?? 500;
    while (pending.size > 0 && options.signal?.aborted !== true) {
      for (const result of await this.lookUp(pending)) yield result;
      if (pending.size > 0)
        await sleep(interval, undefined, { signal: options.signal }).catch(() => undefined);
    }
  }

  /** Every stored result: completed jobs, then jobs no worker could finish. Pages through Redis. */
  async *results(pageSize = 1_000): AsyncGenerator<DownloadResult> {
    for (const state of ['completed', 'failed'] as const) {
      for (let start = 0; ; start += pageSize) {
        const page = await this.queue.getJobs([state], start, start + pageSize - 1, true);
        for (const job of page) {
          const key = job.data.key ?? job.data.url;
          const stored = state === 'completed' ? parseResult(JSON.stringify(job.returnvalue)) : undefined;
          yield stored ?? workerFailure(key, job.data.url, job.failedReason ?? 'no result', job.finishedOn);
        }
        if (page.length < pageSize) break;
      }
    }
  }

  /** Job states and download outcomes right now. */
  async counts(): Promise<QueueCounts> {
    const [states, outcomes] = await Promise.all([
      this.queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'),
      this.client.hgetall(outcomesKey(this.target)),
    ]);
    const count = (name: string): number => Number(outcomes[name] ?? 0);
    return {
      waiting: (states.waiting ?? 0) + (states.prioritized ?? 0),
      active: states.active ?? 0,
      delayed: states.delayed ?? 0,
      completed: states.completed ?? 0,
      workerFailed: states.failed ?? 0,
      written: count('written'),
      cached: count('cached'),
      failed: count('failed'),
    };
  }

  /** Remove every job, result and count of this queue (BullMQ's `obliterate`). Workers should be stopped. */
  async clear(): Promise<void> {
    await this.queue.obliterate({ force: true });
    await this.client.del(outcomesKey(this.target));
  }

  /** Close the queue and its Redis connection. */
  async close(): Promise<void> {
    await this.queue.close();
    this.client.disconnect();
  }

  private async addBatch(items: readonly JobItem[], keyOf: EnqueueOptions['key']): Promise<EnqueuedJob[]> {
    const seen = new Set<string>();
    const planned = items.map((item) => {
      const key = keyOf?.(item) ?? item.key ?? item.url;
      const id = jobIdOf(key);
      const repeated = seen.has(id);
      seen.add(id);
      return { item, key, id, repeated };
    });
    const existing = await this.client
      .pipeline(planned.map(({ id }) => ['exists', this.queue.toKey(id)]))
      .exec();
    const fresh = planned.filter((job, index) => !job.repeated && existing?.[index]?.[1] === 0);
    await this.queue.addBulk(
      fresh.map(({ item, key, id }) => ({
        name: 'download',
        data: key === item.url ? item : { ...item, key },
        opts: { jobId: id, attempts: 1, removeOnComplete: false, removeOnFail: false },
      })),
    );
    const isFresh = new Set(fresh);
    return planned.map((job) => ({ id: job.id, key: job.key, url: job.item.url, added: isFresh.has(job) }));
  }

  /** Look up pending jobs; return the results of those that finished and forget them. */
  private async lookUp(pending: Map<string, Pick<EnqueuedJob, 'key' | 'url'>>): Promise<DownloadResult[]> {
    const results: DownloadResult[] = [];
    const ids = [...pending.keys()];
    for (let start = 0; start < ids.length; start += LOOKUP_CHUNK) {
      const chunk = ids.slice(start, start + LOOKUP_CHUNK);
      const replies = await this.client
        .pipeline(chunk.map((id) => ['hmget', this.queue.toKey(id), ...FINISH_FIELDS]))
        .exec();
      chunk.forEach((id, index) => {
        const job = pending.get(id);
        const [timestamp, finishedOn, returnvalue, failedReason] = (replies?.[index]?.[1] ?? []) as Array<
          string | null
        >;
        if (job === undefined || (timestamp !== null && (finishedOn ?? null) === null)) return;
        const stored = parseResult(returnvalue ?? null);
        const reason =
          timestamp === null ? 'the job was removed from the queue' : (failedReason ?? 'no result');
        results.push(stored ?? workerFailure(job.key, job.url, reason, Number(finishedOn) || undefined));
        pending.delete(id);
      });
    }
    return results;
  }
}
