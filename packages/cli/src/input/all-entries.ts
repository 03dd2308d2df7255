import { argumentEntries, type InputEntry, parseEntries } from './parse-entries.js';
import type { LineSource } from './read-lines.js';

/** The URLs given as arguments first, then the entries of `-i`, all read lazily. */
export async function* allEntries(
  urls: readonly string[],
  source: LineSource | undefined,
): AsyncGenerator<InputEntry> {
  yield* argumentEntries(urls);
  if (source !== undefined) yield* parseEntries(source.lines(), source.name);
}
