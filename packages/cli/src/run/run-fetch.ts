import { AioDownload, type Bundle, each, MemoryStrategy } from '@drover/core';
import { aborted } from '../aborted.js';
import { exitCodeOf } from '../exit-cause.js';
import { EXIT, ExitTally } from '../exit-codes.js';
import { allEntries } from '../input/all-entries.js';
import { entryBundle } from '../input/entry-bundle.js';
import type { InputEntry } from '../input/parse-entries.js';
import { openInput } from '../input/read-lines.js';
import { untilAborted } from '../input/until-aborted.js';
import { watchInterrupts } from '../interrupt.js';
import type { Io } from '../io.js';
import { parseChoice, parseHeaders, parseInteger } from '../parse-values.js';
import { baseHeaders } from '../strategies/auth-flags.js';
import { proxyOptionFrom } from '../strategies/proxy-flags.js';
import { type RequestFlags, requestStrategyFrom } from '../strategies/request-flags.js';
import { tlsOptionsFrom } from '../strategies/tls-flags.js';
import { UsageError } from '../usage-error.js';
import { decodeBody, fetchLine, OrderedLines } from './fetch-output.js';

/** Largest body `fetch` keeps unless `--max-size` says otherwise: 10 MiB. */
export const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;

/** The flags of `drover fetch`. */
export interface FetchFlags extends RequestFlags {
  readonly input?: string;
  readonly as?: string;
  readonly maxSize?: string;
  readonly header?: readonly string[];
}

/**
 * `drover fetch`: print bodies. One URL argument: its body (JSON pretty-printed with `--as json`).
 * Several, or `-i`: one JSON line per URL, in input order. Resolves with the exit code: the worst
 * cause among the failed URLs, 130 when interrupted.
 * @throws UsageError for a bad flag.
 */
export async function runFetch(urls: readonly string[], flags: FetchFlags, io: Io): Promise<number> {
  const maxSize =
    flags.maxSize === undefined ? DEFAULT_MAX_SIZE : parseInteger('--max-size', flags.maxSize, 1);
  const requestStrategy = requestStrategyFrom(flags, { maxContentLength: maxSize });
  // Connection options before anything starts: a bad one is a usage error.
  const connection = { ...(await tlsOptionsFrom(flags)), ...proxyOptionFrom(flags) };
  const headers = parseHeaders(flags.header ?? [], baseHeaders(flags));
  const format = parseChoice('--as', flags.as ?? 'text', ['json', 'text'] as const);
  const source = flags.input === undefined ? undefined : await openInput(flags.input, io.stdin);
  if (urls.length === 0 && source === undefined) throw new UsageError('fetch expects a URL or --input FILE');
  const single = urls.length === 1 && source === undefined;

  const interrupt = watchInterrupts(io.stderr);
  const memory = new MemoryStrategy('binary');
  const download = new AioDownload({
    requestStrategy,
    downloadStrategy: memory,
    signal: interrupt.signal,
    ...connection,
  });
  const order = new Map<Bundle, number>();
  const lines = new OrderedLines((line) => io.stdout.write(`${line}\n`));
  const exits = new ExitTally();
  try {
    let taken = 0;
    const toBundle = (entry: InputEntry) => {
      const bundle = entryBundle(entry, { headers });
      order.set(bundle, taken++);
      return bundle;
    };
    for await (const bundle of each(
      untilAborted(allEntries(urls, source), interrupt.signal),
      toBundle,
      download,
    )) {
      const index = order.get(bundle) ?? 0;
      order.delete(bundle);
      if (aborted(bundle)) continue;
      const decoded = decodeBody(bundle, memory.take(bundle), format);
      if (!decoded.ok) {
        exits.add(exitCodeOf(bundle.error ?? decoded, bundle.httpStatus));
        io.stderr.write(`drover: failed: ${decoded.message} [${decoded.code}]\n`);
      }
      if (!single) lines.add(index, fetchLine(bundle, decoded));
      else if (decoded.ok)
        io.stdout.write(format === 'json' ? `${JSON.stringify(decoded.value, null, 2)}\n` : decoded.body);
    }
  } finally {
    lines.flush();
    await download.close();
    interrupt.dispose();
  }
  return interrupt.signal.aborted ? EXIT.interrupted : exits.code;
}
