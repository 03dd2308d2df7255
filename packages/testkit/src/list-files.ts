import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every regular file under `dir`, as paths relative to it, sorted: what a test compares after a
 * download to prove nothing else (no `.part` file, no stray write) was left behind.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
