import path from 'node:path';
import { numberedPath, singleFileName } from '../single-file.js';
import { UsageError } from '../usage-error.js';

/** What `get` does with a file that is already where a download would go. */
export type ExistingPolicy = 'numbered' | 'no-clobber' | 'overwrite';

/** The naming flags of `get`, as commander hands them over. */
export interface NamingFlags {
  readonly input?: string;
  readonly dir?: string;
  readonly name?: string;
  readonly output?: string;
  /** `false` with `--no-clobber` (commander's negated flag). */
  readonly clobber?: boolean;
  readonly overwrite?: boolean;
  readonly skipCached?: boolean;
  readonly manifest?: string;
}

/** Where a run writes and what it does with existing files. */
export interface Layout {
  /** The one file of a single-URL run (`-o`, or `./<basename>`); `undefined` for the host tree. */
  readonly fixedPath: string | undefined;
  readonly policy: ExistingPolicy;
}

function singleName(url: string): string | undefined {
  try {
    return singleFileName(url);
  } catch {
    // Not an http(s) URL: the host-tree path fails it with its own error.
    return undefined;
  }
}

/**
 * The one file of a single-URL run, before any numbering: `-o FILE` (under `-d` when given), or
 * `./<basename>` for one URL without `-d`, `--name` or `-i`; `undefined` for the host tree. `check`
 * uses it to find the file `get URL` wrote.
 * @throws UsageError for `-o` with several URLs, `-i` or `--name`.
 */
export function singlePath(urls: readonly string[], flags: NamingFlags): string | undefined {
  if (flags.output !== undefined) {
    if (urls.length !== 1 || flags.input !== undefined) {
      throw new UsageError('-o/--output takes exactly one URL (use -d and out= lines for several)');
    }
    if (flags.name !== undefined) throw new UsageError('-o/--output and --name exclude each other');
    return path.resolve(flags.dir ?? process.cwd(), flags.output);
  }
  const [url] = urls;
  const alone = urls.length === 1 && flags.input === undefined;
  if (url === undefined || !alone || flags.dir !== undefined || flags.name !== undefined) return undefined;
  const name = singleName(url);
  return name === undefined ? undefined : path.resolve(process.cwd(), name);
}

/**
 * How `get` names its files, like wget2 and curl: `-o FILE` for one URL; one URL without `-d`,
 * `--name` or `-i` goes to `./<basename>`; anything else keeps the host tree under `-d`. An existing
 * single file is numbered (`f.bin.1`, `.2` …) unless `--no-clobber` (skip it) or `--overwrite`
 * (replace it atomically); the host tree, `--skip-cached` and `--manifest` runs replace by default.
 * @throws UsageError for `-o` with several URLs, `-i` or `--name`, and `--no-clobber` with `--overwrite`.
 */
export async function layoutFor(urls: readonly string[], flags: NamingFlags): Promise<Layout> {
  if (flags.clobber === false && flags.overwrite === true) {
    throw new UsageError('--no-clobber and --overwrite exclude each other');
  }
  let fixedPath = singlePath(urls, flags);
  const rerun = flags.skipCached === true || flags.manifest !== undefined;
  const policy: ExistingPolicy =
    flags.clobber === false
      ? 'no-clobber'
      : flags.overwrite === true || fixedPath === undefined || rerun
        ? 'overwrite'
        : 'numbered';
  if (policy === 'numbered' && fixedPath !== undefined) fixedPath = await numberedPath(fixedPath);
  return { fixedPath, policy };
}
