import path from 'node:path';
import { type Checksum, parseChecksum } from '../checksum.js';
import { parseHeader } from '../parse-values.js';
import { singleFileName } from '../single-file.js';

/** One item to fetch: a URL and what its input line said about it. */
export interface InputEntry {
  /** The URL as written (may be invalid: the bundle then fails with `ERR_DROVER_INVALID_URL`). */
  readonly url: string;
  /** Other URLs of the same file (tab-separated after the first, as aria2 writes them). */
  readonly mirrors?: readonly string[];
  /** Where it came from, for messages: `urls.txt:12` or `argument 2`. */
  readonly source: string;
  /**
   * The `out=` file name, relative to the download folder; with `dir=D`, `D/out` (or `D/<basename>`
   * of the URL without `out=`).
   */
  readonly out?: string;
  /** The `header=` and `user-agent=` lines (lower-case names), over the run's headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The `checksum=` the body must match. */
  readonly checksum?: Checksum;
  /** What is wrong with the entry's lines, if anything: the entry fails without a request. */
  readonly problem?: string;
}

interface Draft {
  url: string;
  mirrors?: string[];
  source: string;
  out?: string;
  dir?: string;
  headers?: Record<string, string>;
  checksum?: Checksum;
  problem?: string;
}

/** The input-file options, for messages. */
const OPTIONS = 'out, dir, checksum, header, user-agent';

/** Add one header line to an entry; repeats of one name are joined with `, ` (as `-H`). */
function addHeader(draft: Draft, raw: string, option: string): string | undefined {
  try {
    const [name, value] = parseHeader(raw);
    draft.headers ??= {};
    const previous = draft.headers[name];
    draft.headers[name] = previous === undefined || option === 'user-agent' ? value : `${previous}, ${value}`;
    return undefined;
  } catch (error) {
    return `${option}=: ${(error as Error).message.replace(/^--header /, '')}`;
  }
}

/** The entry once its lines are read: `dir=` folded into `out`. */
function finished(draft: Draft): InputEntry {
  const { dir, ...entry } = draft;
  if (dir === undefined || entry.problem !== undefined) return entry;
  let name = entry.out;
  if (name === undefined) {
    try {
      name = singleFileName(entry.url);
    } catch {
      // An invalid URL fails on its own; dir= changes nothing for it.
      return entry;
    }
  }
  return { ...entry, out: path.join(dir, name) };
}

/** Entries for URLs given as command-line arguments. */
export function argumentEntries(urls: readonly string[]): InputEntry[] {
  return urls.map((url, index) => ({ url, source: `argument ${index + 1}` }));
}

/** Apply one indented `key=value` line to its entry. */
function applyOption(draft: Draft, text: string): void {
  const equals = text.indexOf('=');
  const key = (equals < 0 ? text : text.slice(0, equals)).trim();
  const value = equals < 0 ? '' : text.slice(equals + 1).trim();
  let problem: string | undefined;
  if (equals < 0) problem = `expected an indented "key=value" line, got ${JSON.stringify(text)}`;
  else if (key === 'out') {
    if (value === '') problem = 'out= needs a file name';
    else draft.out = value;
  } else if (key === 'dir') {
    if (value === '') problem = 'dir= needs a folder';
    else if (path.isAbsolute(value)) problem = `dir=${value}: give a folder inside the download folder (-d)`;
    else draft.dir = value;
  } else if (key === 'header') problem = addHeader(draft, value, 'header');
  else if (key === 'user-agent') {
    problem =
      value === '' ? 'user-agent= needs a value' : addHeader(draft, `User-Agent: ${value}`, 'user-agent');
  } else if (key === 'checksum') {
    const parsed = parseChecksum(value);
    if (typeof parsed === 'string') problem = parsed;
    else draft.checksum = parsed;
  } else problem = `unknown option "${key}" (supported: ${OPTIONS})`;
  if (problem !== undefined) draft.problem ??= problem;
}

/**
 * Parse an input file, aria2-style, streaming: one URL a line (more, tab-separated, are mirrors of
 * the same file); blank lines and lines starting with `#` are skipped; indented `out=NAME`,
 * `dir=FOLDER`, `checksum=TYPE=HEX`, `header=Name: value` (repeatable) and `user-agent=UA` lines
 * under a URL belong to it.
 * An entry is yielded once the next URL line (or the end) shows its options are complete.
 */
export async function* parseEntries(lines: AsyncIterable<string>, name: string): AsyncGenerator<InputEntry> {
  let pending: Draft | undefined;
  let number = 0;
  for await (const line of lines) {
    number++;
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    if (/^\s/.test(line)) {
      if (pending === undefined) {
        yield { url: '', source: `${name}:${number}`, problem: 'option line before any URL' };
      } else {
        applyOption(pending, text);
      }
      continue;
    }
    if (pending !== undefined) yield finished(pending);
    const [url = '', ...mirrors] = text.split('\t').filter((part) => part !== '');
    pending = { url, source: `${name}:${number}`, ...(mirrors.length > 0 ? { mirrors } : {}) };
  }
  if (pending !== undefined) yield finished(pending);
}
