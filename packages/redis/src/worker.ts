import { hostname } from 'node:os';
import type { AioDownload } from '@drover/core';
import { type Job, WaitingError, Worker } from 'bullmq';
import { createRedis, quietErrors } from './connection.js';
import { type DownloadResult, refused, toResult } from './download-result.js';
import { type JobItem, toBundle } from './job-item.js';
import { LeaseWatch } from './lease-watch.js';
import { normalizeTarget, outcomesKey, type QueueTarget } from './queue-target.js';
import { expectInteger } from './validate.js';

/** Options of {@link startWorker}. */
export interface StartWorkerOptions extends QueueTarget {
  /**
   * The coordinator that downloads; borrowed (close it after the worker). Give it the `limiter` and
   * `cooldowns` of `createRedisLimits` to share limits, and a download strategy with
   * `skipCached: true`, so that a job whose file already landed (its worker died before reporting)
   * ends `cached` instead of being downloaded again.
   */
  readonly download: AioDownload;
  /**
   * Jobs this worker runs at once.
   * @default 8
   */
  readonly concurrency?: number;
  /**
   * How long a job's lock lasts without renewal, in ms: a worker that died (or lost Redis) for longer
   * gives its jobs back. Renewed every `lockDuration / 2` while the job runs.
   * @default 30_000
   */
  readonly lockDuration?: number;
  /**
   * How often this worker looks for jobs whose lock expired (stalled jobs) and puts them back, in ms.
   * @default 30_000
   */
  readonly stalledInterval?: number;
  /**
   * How many times a job may stall (its worker died or lost it) before it fails for good with
   * `ERR_DROVER_WORKER`.
   * @default 3
   */
  readonly maxStalledCount?: number;
  /** Request headers for every job, under the job's own (`User-Agent`, say). @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Called with each result this worker stored. */
  readonly onResult?: (result: DownloadResult) => void;
}

/** Options of {@link DroverWorker.close}. */
export interface WorkerCloseOptions {
  /**
   * Let the downloads in flight finish instead of stopping them.
   * @default false (stop them and put their jobs back in the queue, for this or another worker)
   */
  readonly finish?: boolean;
}

/** A running worker; see {@link startWorker}. */
export interface DroverWorker {
  /** `host:pid`, as results name it. */
  readonly id: string;
  /** The BullMQ worker, for its events. */
  readonly worker: Worker<JobItem, DownloadResult>;
  /** Resolves once connected and taking jobs. */
  ready(): Promise<void>;
  /** Stop taking jobs, stop (or finish) those in flight, disconnect. Nothing is lost either way. */
  close(options?: WorkerCloseOptions): Promise<void>;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Take download jobs from the queue and run each through `download.main`, storing its result (a
 * {@link DownloadResult}) in the job. A failed download is a result, not a failed job: the processor
 * never throws for it, and each job has one BullMQ attempt, so HTTP retries stay the request
 * strategy's business. A worker that dies mid-download loses nothing: once its lock expires, another
 * worker's stalled-job check puts the job back and it runs again (resuming the `.part` file with
 * `keepPartial`, restarting it otherwise, or `cached` when the file already landed).
 *
 * @example
 * const shared = await createRedisLimits({ redis: 'redis://127.0.0.1:6379', limits: { limitPerHost: 2 } });
 * const download = new AioDownload({
 *   limiter: shared.limiter,
 *   cooldowns: shared.cooldowns,
 *   downloadStrategy: new DownloadStrategy({ home: './mirror', skipCached: true }),
 * });
 * const worker = startWorker({ redis: 'redis://127.0.0.1:6379', download, concurrency: 16 });
 * // ... on SIGTERM:
 * await worker.close();
 * await download.close();
 * await shared.close();
 */
export function startWorker(options: StartWorkerOptions): DroverWorker {
  const target = normalizeTarget(options);
  const { download } = options;
  const concurrency = expectInteger('concurrency', options.concurrency ?? 8, 1);
  const lockDuration = expectInteger('lockDuration', options.lockDuration ?? 30_000, 100);
  const stalledInterval = expectInteger('stalledInterval', options.stalledInterval ?? 30_000, 100);
  const maxStalledCount = expectInteger('maxStalledCount', options.maxStalledCount ?? 3, 0);
  const id = `${hostname()}:${process.pid}`;
  const client = quietErrors(createRedis(target.redis));
  let leases: LeaseWatch | undefined;

  const processor = async (
    job: Job<JobItem, DownloadResult>,
    token: string | undefined,
    stop: AbortSignal | undefined,
  ): Promise<DownloadResult> => {
    const item = job.data;
    const key = item.key ?? item.url;
    let bundle: ReturnType<typeof toBundle>;
    try {
      bundle = toBundle(item, download.downloadStrategy.home, options.headers);
    } catch (error) {
      return refused(key, item.url, messageOf(error), id);
    }
    const lease = (leases as LeaseWatch).watch(job.id ?? key);
    const signal = stop === undefined ? lease.signal : AbortSignal.any([stop, lease.signal]);
    try {
      await download.main(bundle, { signal });
    } finally {
      lease.end();
    }
    if (signal.aborted && bundle.status === 'failed' && bundle.error?.code === 'ERR_DROVER_ABORTED') {
      // Stopped before the end: the job is not this worker's to finish. Give it back (it may already
      // have been taken back, if the lock expired), and tell BullMQ it was moved.
      if (token !== undefined) await job.moveToWait(token).catch(() => undefined);
      throw new WaitingError();
    }
    return toResult(key, bundle, id);
  };

  const worker = new Worker<JobItem, DownloadResult>(target.queue, processor, {
    connection: client,
    prefix: target.prefix,
    concurrency,
    lockDuration,
    stalledInterval,
    maxStalledCount,
    autorun: true,
  });
  leases = new LeaseWatch(worker, lockDuration);
  // Connection trouble is retried by ioredis and BullMQ; an unheard 'error' event would end the process.
  worker.on('error', () => undefined);
  worker.on('completed', (_job, result) => {
    void client.hincrby(outcomesKey(target), result.status, 1).catch(() => undefined);
    options.onResult?.(result);
  });

  let closing: Promise<void> | undefined;
  return {
    id,
    worker,
    ready: () => worker.waitUntilReady().then(() => undefined),
    close: (closeOptions = {}) => {
      closing ??= (async () => {
        const closed = worker.close();
        if (closeOptions.finish !== true) worker.cancelAllJobs('the worker is closing');
        await closed;
        leases?.close();
        client.disconnect();
      })();
      return closing;
    },
  };
}
