import { opendir, stat } from 'node:fs/promises';
import path from 'node:path';

/** What a run must have left in its output folder. */
export interface Expected {
  readonly files: number;
  readonly bytesPerFile: number;
}

/** What a run left in its output folder. */
export interface Found {
  readonly files: number;
  readonly bytes: number;
  /** Files that are not exactly `bytesPerFile` long (`.part` leftovers included). */
  readonly wrongSize: number;
}

const MAX_DEPTH = 8;

/** Count regular files and their bytes under `dir` (at most `limit` files, {@link MAX_DEPTH} levels). */
export async function scanOutput(dir: string, bytesPerFile: number, limit: number): Promise<Found> {
  let files = 0;
  let bytes = 0;
  let wrongSize = 0;
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    for await (const entry of await opendir(folder, { bufferSize: 256 })) {
      if (files > limit) return;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if (entry.isFile()) {
        const { size } = await stat(full);
        files++;
        bytes += size;
        if (size !== bytesPerFile) wrongSize++;
      }
    }
  };
  await walk(dir, 0);
  return { files, bytes, wrongSize };
}

/**
 * Check a run's output cheaply: exactly the expected number of files, each of the expected size
 * (so the total bytes match too). Returns `undefined` when it holds, else what is wrong.
 */
export async function verifyOutput(dir: string, expected: Expected): Promise<string | undefined> {
  const found = await scanOutput(dir, expected.bytesPerFile, expected.files + 10);
  const wantBytes = expected.files * expected.bytesPerFile;
  if (found.files === expected.files && found.bytes === wantBytes && found.wrongSize === 0) return undefined;
  return `expected ${expected.files} files / ${wantBytes} bytes, found ${found.files} files / ${found.bytes} bytes (${found.wrongSize} of the wrong size)`;
}
