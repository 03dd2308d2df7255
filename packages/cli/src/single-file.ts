import { stat } from 'node:fs/promises';
import path from 'node:path';
import { INDEX_NAME, urlToRelativePath } from '@drover/core';

/** How the URL mapping writes a last segment literally called `index` (see docs/url-paths.md). */
const LITERAL_INDEX_NAME = '%69ndex';

/** Most numbered names tried before giving up (`f.bin.1` … `f.bin.9999`), as a bound on stats. */
const MAX_NUMBER = 9999;

/**
 * The file name one URL gets in the current folder, like wget2 and `curl -O`: the last segment of
 * the URL path, written as the URL mapping writes segments (so never `.`, `..`, or a name with `/`),
 * the query and fragment ignored; `index` for an empty path or a trailing slash.
 * @throws TypeError when `url` is not an absolute http(s) URL.
 * @example singleFileName('http://example.com/files/hello.bin?size=10') // 'hello.bin'
 */
export function singleFileName(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  const name = path.basename(urlToRelativePath(parsed));
  return name === LITERAL_INDEX_NAME ? INDEX_NAME : name;
}

async function taken(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

/**
 * `target` when nothing is there, else the first free `target.1`, `target.2` … (wget2's numbering).
 * @throws RangeError when all numbers up to 9999 are taken.
 */
export async function numberedPath(target: string): Promise<string> {
  if (!(await taken(target))) return target;
  for (let n = 1; n <= MAX_NUMBER; n++) {
    const candidate = `${target}.${n}`;
    if (!(await taken(candidate))) return candidate;
  }
  throw new RangeError(`${target}: every numbered name up to .${MAX_NUMBER} is taken`);
}

/** Whether something exists at `file` (for `--no-clobber`). */
export const exists = taken;
