import { AioDownload, each } from '@drover/core';
import { neverStarted } from '../aborted.js';
import { exitCodeOf } from '../exit-cause.js';
import { EXIT, ExitTally } from '../exit-codes.js';
import { allEntries } from '../input/all-entries.js';
import { entryBundle } from '../input/entry-bundle.js';
import type { InputEntry } from '../input/parse-entries.js';
import { countUrlLines, type LineSource, openInput } from '../input/read-lines.js';
import { skipExisting } from '../input/skip-existing.js';
import { untilAborted } from '../input/until-aborted.js';
import { watchInterrupts } from '../interrupt.js';
import type { Io } from '../io.js';
import { ManifestWriter } from '../manifest/manifest-writer.js';
import { readManifest } from '../manifest/read-manifest.js';
import { skipDone } from '../manifest/skip-done.js';
import { parseSize } from '../parse-size.js';
import { parseChoice, parseHeaders } from '../parse-values.js';
import { trackPartFiles } from '../part-files.js';
import { type OutputFlags, type OutputMode, outputMode, Reporter } from '../progress/reporter.js';
import { RunStats } from '../progress/run-stats.js';
import { toRecord } from '../record.js';
import { baseHeaders } from '../strategies/auth-flags.js';
import { FileStrategy } from '../strategies/file-strategy.js';
import { proxyOptionFrom } from '../strategies/proxy-flags.js';
import { type RequestFlags, requestStrategyFrom } from '../strategies/request-flags.js';
import { tlsOptionsFrom } from '../strategies/tls-flags.js';
import { UsageError } from '../usage-error.js';
import type { QueueFlags } from './queue-flags.js';
import { layoutFor, type NamingFlags } from './single-target.js';

/** The flags of `drover get`, as commander hands them over. */
export interface GetFlags extends RequestFlags, OutputFlags, QueueFlags, NamingFlags {
  readonly input?: string;
  readonly dir?: string;
  readonly name?: string;
  readonly skipCached?: boolean;
  readonly keepPartial?: boolean;
  readonly manifest?: string;
  readonly header?: readonly string[];
  readonly maxFilesize?: string;
}

/** How many entries the progress display can expect, when that can be known without reading stdin. */
export async function expectedTotal(
  urls: readonly string[],
  source: LineSource | undefined,
  mode: OutputMode,
): Promise<number | undefined> {
  if (mode === 'json' || mode === 'quiet') return undefined;
  if (source === undefined) return urls.length;
  return source.isFile ? urls.length + (await countUrlLines(source.name)) : undefined;
}

/**
 * `drover get`: download every URL (arguments, then `-i`) into `-d`, streaming the input through
 * `each`, appending to `--manifest` and skipping what it says is done. Resolves with the exit code:
 * the worst cause among the failed URLs (see `worseExit`), 130 when interrupted.
 * @throws UsageError for a bad flag, before anything is downloaded.
 */
export async function runGet(urls: readonly string[], flags: GetFlags, io: Io): Promise<number> {
  const requestStrategy = requestStrategyFrom(
    flags,
    flags.maxFilesize === undefined
      ? {}
      : { maxContentLength: parseSize('--max-filesize', flags.maxFilesize, 1) },
  );
  // Connection options before anything starts: a bad one is a usage error.
  const connection = { ...(await tlsOptionsFrom(flags)), ...proxyOptionFrom(flags) };
  const headers = parseHeaders(flags.header ?? [], baseHeaders(flags));
  const naming = parseChoice('--name', flags.name ?? 'url', ['url', 'unique'] as const);
  if (urls.length === 0 && flags.input === undefined)
    throw new UsageError('get expects a URL or --input FILE');
  const layout = await layoutFor(urls, flags);
  const files = new FileStrategy({
    home: flags.dir ?? process.cwd(),
    skipCached: flags.skipCached === true,
    keepPartial: flags.keepPartial === true,
    naming,
    ...(layout.fixedPath === undefined ? {} : { fixedPath: layout.fixedPath }),
  });
  const source = flags.input === undefined ? undefined : await openInput(flags.input, io.stdin);
  const mode = outputMode(flags, io.stdout);
  const stats = new RunStats();
  stats.total = await expectedTotal(urls, source, mode);
  const done = flags.manifest === undefined ? new Map<string, string>() : await readManifest(flags.manifest);
  const manifest = flags.manifest === undefined ? undefined : await ManifestWriter.open(flags.manifest);

  const interrupt = watchInterrupts(io.stderr);
  const download = new AioDownload({
    requestStrategy,
    downloadStrategy: files,
    signal: interrupt.signal,
    ...connection,
  });
  const reporter = new Reporter(mode, download, stats, io, {
    maxAttempts: requestStrategy.options.maxAttempts,
  });
  const removeParts = trackPartFiles(download);
  interrupt.onHardExit(() => {
    reporter.abandon();
    removeParts();
  });

  let notStarted = 0;
  const exits = new ExitTally();
  try {
    const skip = (): void => {
      stats.skipped++;
    };
    const target = (entry: InputEntry): string => files.targetPath(entry);
    const fresh = skipDone(allEntries(urls, source), done, target, skip);
    const pending = layout.policy === 'no-clobber' ? skipExisting(fresh, target, skip) : fresh;
    const recipe = { headers, verify: true, outPath: (out: string) => files.outPath(out) };
    for await (const bundle of each(
      untilAborted(pending, interrupt.signal),
      (entry) => entryBundle(entry, recipe),
      download,
    )) {
      if (neverStarted(bundle)) {
        notStarted++;
        continue;
      }
      const record = toRecord(bundle);
      stats.count(record);
      if (bundle.status === 'failed') exits.add(exitCodeOf(bundle.error, bundle.httpStatus));
      manifest?.write(record);
      reporter.finished(record);
    }
  } finally {
    await manifest?.close();
    await download.close();
    const stopped = `interrupted (${stats.aborted} stopped in flight, ${notStarted} not started)`;
    reporter.stop(interrupt.signal.aborted ? [stopped] : []);
    interrupt.dispose();
  }
  return interrupt.signal.aborted ? EXIT.interrupted : exits.code;
}
