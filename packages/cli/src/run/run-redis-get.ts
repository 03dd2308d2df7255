import { EventEmitter } from 'node:events';
import type { AioDownloadEvents } from '@drover/core';
import type { DroverQueue, EnqueuedJob, JobItem } from '@drover/redis';
import { exitCodeOf } from '../exit-cause.js';
import { EXIT, ExitTally } from '../exit-codes.js';
import { allEntries } from '../input/all-entries.js';
import { failedBundle } from '../input/entry-bundle.js';
import type { InputEntry } from '../input/parse-entries.js';
import { openInput } from '../input/read-lines.js';
import { untilAborted } from '../input/until-aborted.js';
import { watchInterrupts } from '../interrupt.js';
import type { Io } from '../io.js';
import { loadRedis } from '../load-redis.js';
import { parseHeaders } from '../parse-values.js';
import { outputMode, Reporter } from '../progress/reporter.js';
import { RunStats } from '../progress/run-stats.js';
import { toRecord } from '../record.js';
import { baseHeaders } from '../strategies/auth-flags.js';
import { UsageError } from '../usage-error.js';
import { queueTarget } from './queue-flags.js';
import { expectedTotal, type GetFlags } from './run-get.js';

/** Flags of `get` that belong to the workers when the downloads run on a queue. */
const WORKER_FLAGS = [
  ['dir', '-d'],
  ['name', '--name'],
  ['skipCached', '--skip-cached'],
  ['keepPartial', '--keep-partial'],
  ['manifest', '--manifest'],
  ['concurrency', '-j'],
  ['perHost', '--per-host'],
  ['strategy', '--strategy'],
  ['attempts', '--attempts'],
  ['timeout', '--timeout'],
  ['headersTimeout', '--headers-timeout'],
  ['idleTimeout', '--idle-timeout'],
  ['connectTimeout', '--connect-timeout'],
  ['retryWait', '--retry-wait'],
  ['insecure', '--insecure'],
  ['caCertificate', '--ca-certificate'],
  ['proxy', '--proxy/--no-proxy'],
] as const;

/** An entry as a job: its URL, mirrors, `out=` name (relative to the worker's folder) and checksum. */
function entryJob(entry: InputEntry, headers: Readonly<Record<string, string>>): JobItem {
  return {
    url: entry.url,
    headers: entry.headers === undefined ? headers : { ...headers, ...entry.headers },
    ...(entry.mirrors === undefined ? {} : { mirrors: entry.mirrors }),
    ...(entry.out === undefined ? {} : { out: entry.out }),
    ...(entry.checksum === undefined ? {} : { checksum: entry.checksum }),
  };
}

/**
 * `drover get --redis URL`: put every URL on the queue (each once: the queue dedupes by URL) and
 * follow the results the workers store, with the same display and exit codes as a local `get`.
 * Ctrl-C stops following; the jobs stay queued for the workers.
 * @throws UsageError for a bad flag, or a worker's flag (they belong to `drover worker`);
 *   MissingPackageError without `@drover/redis`.
 */
export async function runRedisGet(urls: readonly string[], flags: GetFlags, io: Io): Promise<number> {
  const misplaced = WORKER_FLAGS.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  if (misplaced.length > 0) {
    throw new UsageError(`${misplaced.join(', ')}: with --redis, give these to "drover worker"`);
  }
  const local = [
    flags.output === undefined ? undefined : '-o',
    flags.clobber === false ? '--no-clobber' : undefined,
    flags.overwrite === true ? '--overwrite' : undefined,
    flags.maxFilesize === undefined ? undefined : '--max-filesize',
  ].filter((flag) => flag !== undefined);
  if (local.length > 0) throw new UsageError(`${local.join(', ')}: not supported with --redis`);
  const target = queueTarget(flags, 'get');
  const { DroverQueue: Queue } = await loadRedis('drover get --redis');
  const queue = new Queue(target);
  try {
    return await enqueueAndFollow(queue, urls, flags, io);
  } finally {
    await queue.close();
  }
}

async function enqueueAndFollow(
  queue: DroverQueue,
  urls: readonly string[],
  flags: GetFlags,
  io: Io,
): Promise<number> {
  const headers = parseHeaders(flags.header ?? [], baseHeaders(flags));
  const source = flags.input === undefined ? undefined : await openInput(flags.input, io.stdin);
  if (urls.length === 0 && source === undefined) throw new UsageError('get expects a URL or --input FILE');
  const mode = outputMode(flags, io.stdout);
  const stats = new RunStats();
  stats.total = await expectedTotal(urls, source, mode);
  const interrupt = watchInterrupts(io.stderr);
  // The display follows a coordinator's events; here results arrive from the queue instead.
  const events = new EventEmitter<AioDownloadEvents>();
  const reporter = new Reporter(mode, events, stats, io);
  interrupt.onHardExit(() => reporter.abandon());
  const jobs: EnqueuedJob[] = [];
  let duplicates = 0;
  const exits = new ExitTally();
  try {
    const items = async function* () {
      for await (const entry of untilAborted(allEntries(urls, source), interrupt.signal)) {
        if (entry.problem === undefined) {
          yield entryJob(entry, headers);
          continue;
        }
        const record = toRecord(failedBundle(entry, entry.problem));
        stats.count(record);
        exits.add(exitCodeOf(record.error));
        reporter.finished(record);
      }
    };
    const summary = await queue.enqueue(items(), { onJob: (job) => jobs.push(job) });
    // Repeats of a URL are one job and one result.
    duplicates = summary.duplicates;
    if (stats.total !== undefined) stats.total -= duplicates;
    for await (const result of queue.follow(jobs, { signal: interrupt.signal, interval: 250 })) {
      stats.count(result);
      // A stored result keeps the error's code, not its cause: a TLS failure counts as network (4).
      // A job a stopping worker aborted is not a failure of this run (RunStats counts it apart).
      if (result.status === 'failed' && result.error?.code !== 'ERR_DROVER_ABORTED') {
        exits.add(exitCodeOf(result.error, result.httpStatus));
      }
      stats.transferred += result.bytes;
      reporter.finished(result);
    }
  } finally {
    const notes = duplicates > 0 ? [`${duplicates} repeated URLs queued once`] : [];
    if (interrupt.signal.aborted) notes.push('interrupted (the jobs stay queued for the workers)');
    reporter.stop(notes);
    interrupt.dispose();
  }
  return interrupt.signal.aborted ? EXIT.interrupted : exits.code;
}
