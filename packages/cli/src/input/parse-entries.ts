import { type Checksum, parseChecksum } from '../checksum.js';

/** One item to fetch: a URL and what its input line said about it. */
export interface InputEntry {
  /** The URL as written (may be invalid: the bundle then fails with `ERR_DROVER_INVALID_URL`). */
  readonly url: string;
  /** Other URLs of the same file (tab-separated after the first, as aria2 writes them). */
  readonly mirrors?: readonly string[];
  /** Where it came from, for messages: `urls.txt:12` or `argument 2`. */
  readonly source: string;
  /** The `out=` file name, relative to the download folder. */
  readonly out?: string;
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
  checksum?: Checksum;
  problem?: string;
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
  } else if (key === 'checksum') {
    const parsed = parseChecksum(value);
    if (typeof parsed === 'string') problem = parsed;
    else draft.checksum = parsed;
  } else problem = `unknown option "${key}" (supported: out, checksum)`;
  if (problem !== undefined) draft.problem ??= problem;
}

/**
 * Parse an input file, aria2-style, streaming: one URL a line (more, tab-separated, are mirrors of
 * the same file); blank lines and lines starting with `#` are skipped; indented `out=NAME` and
 * `checksum=TYPE=HEX` lines under a URL belong to it.
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
    if (pending !== undefined) yield pending;
    const [url = '', ...mirrors] = text.split('\t').filter((part) => part !== '');
    pending = { url, source: `${name}:${number}`, ...(mirrors.length > 0 ? { mirrors } : {}) };
  }
  if (pending !== undefined) yield pending;
}
