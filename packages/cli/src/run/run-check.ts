import { stat } from 'node:fs/promises';
import path from 'node:path';
import { AioDownload, type Bundle, each, redactUrl } from '@drover/core';
import { aborted } from '../aborted.js';
import { exitCodeOf } from '../exit-cause.js';
import { EXIT, ExitTally } from '../exit-codes.js';
import { allEntries } from '../input/all-entries.js';
import { entryBundle } from '../input/entry-bundle.js';
import { openInput } from '../input/read-lines.js';
import { untilAborted } from '../input/until-aborted.js';
import { watchInterrupts } from '../interrupt.js';
import type { Io } from '../io.js';
import { parseChoice, parseHeaders } from '../parse-values.js';
import type { OutputFlags } from '../progress/reporter.js';
import { baseHeaders } from '../strategies/auth-flags.js';
import { CheckStrategy } from '../strategies/check-strategies.js';
import { headFallback } from '../strategies/head-fallback.js';
import { proxyOptionFrom } from '../strategies/proxy-flags.js';
import { type RequestFlags, requestStrategyFrom } from '../strategies/request-flags.js';
import { tlsOptionsFrom } from '../strategies/tls-flags.js';
import { UsageError } from '../usage-error.js';
import { singlePath } from './single-target.js';

/** The flags of `drover check`. */
export interface CheckFlags extends RequestFlags, OutputFlags {
  readonly input?: string;
  readonly dir?: string;
  readonly name?: string;
  readonly header?: readonly string[];
}

/** What `check` found for one URL. */
interface CheckResult {
  readonly url: string;
  readonly path: string | null;
  readonly localSize: number | null;
  readonly remoteSize: number | null;
  readonly match: boolean;
  readonly error: { readonly code: string; readonly message: string } | null;
}

async function localSize(file: string | undefined): Promise<number | null> {
  if (file === undefined) return null;
  const found = await stat(file).catch(() => undefined);
  return found?.isFile() === true ? found.size : null;
}

/** A path as people want to read it: relative to the current folder when inside it. */
function shown(file: string | null): string {
  if (file === null) return '(no path)';
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

async function resultOf(bundle: Bundle, strategy: CheckStrategy): Promise<CheckResult> {
  const local = await localSize(bundle.filePath);
  const remote = bundle.status === 'written' ? (strategy.remoteSize(bundle) ?? null) : null;
  return {
    url: redactUrl(bundle.url),
    path: bundle.filePath ?? null,
    localSize: local,
    remoteSize: remote,
    match: local !== null && remote !== null && local === remote,
    error: bundle.error === undefined ? null : { code: bundle.error.code, message: bundle.error.message },
  };
}

function mismatchLine(result: CheckResult): string {
  const local = result.localSize ?? 'missing';
  const remote = result.remoteSize ?? 'unknown';
  const why = result.error === null ? '' : ` (${result.error.message})`;
  return `mismatch ${shown(result.path)} local=${local} remote=${remote}${why}`;
}

/**
 * `drover check`: for every URL, compare the remote size (HEAD, or GET without reading the body when
 * HEAD is refused with 405/501) with the size of the file `get` would have written. Prints each
 * mismatch; resolves with 0 when none, 1 when files differ, the cause of a URL that could not be
 * checked (4 network, 8 server error ...; the worst wins), 130 when interrupted.
 * @throws UsageError for a bad flag.
 */
export async function runCheck(urls: readonly string[], flags: CheckFlags, io: Io): Promise<number> {
  const requestStrategy = requestStrategyFrom(flags);
  // Connection options before anything starts: a bad one is a usage error.
  const connection = { ...(await tlsOptionsFrom(flags)), ...proxyOptionFrom(flags) };
  const headers = {
    ...parseHeaders(flags.header ?? [], baseHeaders(flags)),
    'accept-encoding': 'identity',
  };
  const naming = parseChoice('--name', flags.name ?? 'url', ['url', 'unique'] as const);
  // One URL alone is checked against ./<basename>, where `get URL` writes it.
  const fixedPath = singlePath(urls, flags);
  const files = new CheckStrategy({
    home: flags.dir ?? process.cwd(),
    naming,
    ...(fixedPath === undefined ? {} : { fixedPath }),
  });
  const source = flags.input === undefined ? undefined : await openInput(flags.input, io.stdin);
  if (urls.length === 0 && source === undefined) throw new UsageError('check expects a URL or --input FILE');

  const interrupt = watchInterrupts(io.stderr);
  const download = new AioDownload({
    requestStrategy,
    hooks: headFallback,
    downloadStrategy: files,
    signal: interrupt.signal,
    ...connection,
  });
  const recipe = { headers, method: 'HEAD', outPath: (out: string) => files.outPath(out) };
  let checked = 0;
  let differ = 0;
  const exits = new ExitTally();
  try {
    const entries = untilAborted(allEntries(urls, source), interrupt.signal);
    for await (const bundle of each(entries, (entry) => entryBundle(entry, recipe), download)) {
      if (aborted(bundle)) continue;
      const result = await resultOf(bundle, files);
      checked++;
      if (!result.match) differ++;
      if (bundle.status === 'failed') exits.add(exitCodeOf(bundle.error, bundle.httpStatus));
      else if (!result.match) exits.add(EXIT.failed);
      if (flags.json === true) io.stdout.write(`${JSON.stringify(result)}\n`);
      else if (!result.match) io.stdout.write(`${mismatchLine(result)}\n`);
    }
  } finally {
    await download.close();
    interrupt.dispose();
  }
  if (flags.quiet !== true) {
    const out = flags.json === true ? io.stderr : io.stdout;
    const stopped = interrupt.signal.aborted ? ' (interrupted)' : '';
    out.write(`drover: checked ${checked}: ${checked - differ} match, ${differ} differ${stopped}\n`);
  }
  return interrupt.signal.aborted ? EXIT.interrupted : exits.code;
}
