import { stat } from 'node:fs/promises';
import { redactUrl } from '@drover/core';
import type { InputEntry } from '../input/parse-entries.js';

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

/**
 * Pass entries through, except those the manifest says are done: the last line for the URL says
 * `written` or `cached`, for the very path this run would write, and the file is still there.
 * Each skipped entry is reported to `onSkip`.
 */
export async function* skipDone(
  entries: AsyncIterable<InputEntry>,
  done: ReadonlyMap<string, string>,
  targetPath: (entry: InputEntry) => string,
  onSkip: (entry: InputEntry) => void,
): AsyncGenerator<InputEntry> {
  for await (const entry of entries) {
    // Manifests keep URLs with the password masked, as `toRecord` writes them.
    const recorded = done.get(redactUrl(entry.url));
    if (recorded !== undefined && entry.problem === undefined) {
      let target: string | undefined;
      try {
        target = targetPath(entry);
      } catch {
        target = undefined;
      }
      if (target === recorded && (await isFile(target))) {
        onSkip(entry);
        continue;
      }
    }
    yield entry;
  }
}
