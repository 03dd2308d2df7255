import { AioDownload } from '@drover/core';
import { watchInterrupts } from '../interrupt.js';
import type { Io } from '../io.js';
import { loadRedis } from '../load-redis.js';
import { parseChoice, parseDuration, parseHeaders } from '../parse-values.js';
import { trackPartFiles } from '../part-files.js';
import { type OutputFlags, outputMode, Reporter } from '../progress/reporter.js';
import { RunStats } from '../progress/run-stats.js';
import { baseHeaders } from '../strategies/auth-flags.js';
import { FileStrategy } from '../strategies/file-strategy.js';
import { proxyOptionFrom } from '../strategies/proxy-flags.js';
import { type RequestFlags, requestStrategyFrom } from '../strategies/request-flags.js';
import { tlsOptionsFrom } from '../strategies/tls-flags.js';
import { EXIT, UsageError } from '../usage-error.js';
import { type QueueFlags, queueTarget } from './queue-flags.js';

/** The flags of `drover worker`. */
export interface WorkerFlags extends RequestFlags, OutputFlags, QueueFlags {
  readonly dir?: string;
  readonly name?: string;
  readonly keepPartial?: boolean;
  readonly header?: readonly string[];
  readonly limitsId?: string;
  readonly lockDuration?: string;
  readonly stalledInterval?: string;
}

/**
 * `drover worker`: take download jobs from the queue until SIGINT or SIGTERM, `-j` at a time, into
 * `-d` (files already there are `cached`). `--per-host` and host pauses hold across every worker
 * with the same `--limits-id`. The first signal stops taking jobs, stops the downloads in flight and
 * puts their jobs back in the queue; the exit code is then 0. A second signal quits at once.
 * @throws UsageError for a bad flag; MissingPackageError without `@drover/redis`.
 */
export async function runWorker(flags: WorkerFlags, io: Io): Promise<number> {
  const target = queueTarget(flags, 'worker');
  const { createRedisLimits, defaultExpiration, startWorker } = await loadRedis('drover worker');
  const requestStrategy = requestStrategyFrom(flags);
  // Connection options before anything starts: a bad one is a usage error.
  const connection = { ...(await tlsOptionsFrom(flags)), ...proxyOptionFrom(flags) };
  const headers = parseHeaders(flags.header ?? [], baseHeaders(flags));
  const naming = parseChoice('--name', flags.name ?? 'url', ['url', 'unique'] as const);
  const lockDuration = parseDuration('--lock-duration', flags.lockDuration ?? '30s', 100);
  const stalledInterval = parseDuration('--stalled-interval', flags.stalledInterval ?? '30s', 100);
  const limitsId = flags.limitsId ?? target.queue ?? 'drover';
  if (!/^\S+$/.test(limitsId)) {
    throw new UsageError(`--limits-id expects a name without spaces, got ${JSON.stringify(limitsId)}`);
  }
  const files = new FileStrategy({
    home: flags.dir ?? process.cwd(),
    skipCached: true,
    keepPartial: flags.keepPartial === true,
    naming,
  });
  const interrupt = watchInterrupts(io.stderr);
  const shared = await createRedisLimits({
    redis: target.redis,
    id: limitsId,
    limits:
      requestStrategy.options.limitPerHost === Number.POSITIVE_INFINITY
        ? {}
        : { limitPerHost: requestStrategy.options.limitPerHost },
    expiration: defaultExpiration(requestStrategy.options.timeout),
  });
  const download = new AioDownload({
    requestStrategy,
    downloadStrategy: files,
    limiter: shared.limiter,
    cooldowns: shared.cooldowns,
    ...connection,
  });
  const stats = new RunStats();
  const reporter = new Reporter(outputMode(flags, io.stdout), download, stats, io, {
    maxAttempts: requestStrategy.options.maxAttempts,
  });
  const removeParts = trackPartFiles(download);
  interrupt.onHardExit(() => {
    reporter.abandon();
    removeParts();
  });
  const worker = startWorker({
    ...target,
    download,
    concurrency: requestStrategy.options.concurrent,
    headers,
    lockDuration,
    stalledInterval,
    onResult: (result) => {
      stats.count(result);
      reporter.finished(result);
    },
  });
  try {
    await worker.ready();
    if (reporter.mode !== 'quiet') {
      io.stderr.write(`drover: worker ${worker.id} taking jobs from ${target.queue ?? 'drover'}\n`);
    }
    await new Promise<void>((resolve) =>
      interrupt.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  } finally {
    await worker.close();
    await download.close();
    await shared.close();
    reporter.stop(['stopped (jobs in flight went back to the queue)']);
    interrupt.dispose();
  }
  return EXIT.ok;
}
