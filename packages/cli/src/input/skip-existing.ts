import { exists } from '../single-file.js';
import type { InputEntry } from './parse-entries.js';

/**
 * `--no-clobber`: pass entries through, except those whose file is already there (any file, from any
 * tool); each skipped entry is reported to `onSkip` and never requested. Entries whose path cannot be
 * computed pass, so they fail with their own error.
 */
export async function* skipExisting(
  entries: AsyncIterable<InputEntry>,
  targetPath: (entry: InputEntry) => string,
  onSkip: (entry: InputEntry) => void,
): AsyncGenerator<InputEntry> {
  for await (const entry of entries) {
    let target: string | undefined;
    try {
      target = entry.problem === undefined ? targetPath(entry) : undefined;
    } catch {
      target = undefined;
    }
    if (target !== undefined && (await exists(target))) {
      onSkip(entry);
      continue;
    }
    yield entry;
  }
}
