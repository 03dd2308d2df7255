import { Bundle, InvalidUrlError } from '@drover/core';
import type { EntryInfo } from '../strategies/file-strategy.js';
import type { InputEntry } from './parse-entries.js';

/** How entries become bundles. */
export interface BundleRecipe {
  /** Extra request headers (`-H`). */
  readonly headers: Readonly<Record<string, string>>;
  /** @default 'GET' */
  readonly method?: string;
  /** Resolves an `out=` name inside the download folder (throws when it leaves it); `out=` is ignored without it. */
  readonly outPath?: (out: string) => string;
  /** Give bundles their entry's `checksum=` (core verifies it before the rename). @default false */
  readonly verify?: boolean;
}

/** A bundle that fails without a request, for an entry whose input lines are wrong. */
export function failedBundle(entry: InputEntry, detail: string): Bundle<EntryInfo> {
  const url = entry.url === '' ? entry.source : entry.url;
  const bundle = new Bundle<EntryInfo>(url, { info: { entry } });
  bundle.status = 'failed';
  bundle.error = new InvalidUrlError(`${entry.source}: ${detail}`, { url });
  return bundle;
}

/**
 * The bundle for one input entry: its URL, mirrors, headers (the run's, then its own `header=` and
 * `user-agent=` lines) and method, its `out=` file and its
 * checksum when it has them.
 * An entry with a problem (a bad option line, an `out=` outside the folder) becomes a bundle that has
 * already failed, so one bad line never stops a run.
 */
export function entryBundle(entry: InputEntry, recipe: BundleRecipe): Bundle<EntryInfo> {
  if (entry.problem !== undefined) return failedBundle(entry, entry.problem);
  let filePath: string | undefined;
  if (entry.out !== undefined && recipe.outPath !== undefined) {
    try {
      filePath = recipe.outPath(entry.out);
    } catch {
      return failedBundle(entry, `out=${entry.out} would leave the download folder`);
    }
  }
  return new Bundle<EntryInfo>(entry.url, {
    info: { entry },
    headers: entry.headers === undefined ? recipe.headers : { ...recipe.headers, ...entry.headers },
    method: recipe.method ?? 'GET',
    ...(entry.mirrors === undefined ? {} : { mirrors: entry.mirrors }),
    ...(filePath === undefined ? {} : { filePath }),
    ...(entry.checksum === undefined || recipe.verify !== true ? {} : { checksum: entry.checksum }),
  });
}
