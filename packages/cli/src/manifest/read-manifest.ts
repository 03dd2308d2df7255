import { type FileHandle, open } from 'node:fs/promises';
import readline from 'node:readline';
import { redactUrl } from '@drover/core';
import { UsageError } from '../usage-error.js';

/** A manifest line as far as resuming cares. */
interface ManifestLine {
  readonly url: string;
  readonly status: string;
  readonly path: string | null;
}

function cannotRead(file: string, error: unknown): UsageError {
  const reason = error instanceof Error ? error.message : String(error);
  return new UsageError(`--manifest cannot read ${JSON.stringify(file)}: ${reason}`);
}

function parseLine(line: string): ManifestLine | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null) return undefined;
    const { url, status, path } = value as Record<string, unknown>;
    if (typeof url !== 'string' || typeof status !== 'string') return undefined;
    // Lines written before passwords were masked count as their masked form, as new lines are.
    return { url: redactUrl(url), status, path: typeof path === 'string' ? path : null };
  } catch {
    // A line cut short by a crash, or foreign text: ignored.
    return undefined;
  }
}

/**
 * Read a manifest, streaming, and return the URLs whose last line says `written` or `cached`, each
 * with the path it was written to. URLs are keyed with their password masked (`redactUrl`). A missing manifest is an empty one; unreadable lines are skipped.
 */
export async function readManifest(file: string): Promise<Map<string, string>> {
  const done = new Map<string, string>();
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return done;
    throw cannotRead(file, error);
  }
  // Opened first: readline does not pass on the open error of a stream made from a path (it hangs).
  const input = handle.createReadStream({ autoClose: true });
  try {
    for await (const text of readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      const line = parseLine(text);
      if (line === undefined) continue;
      if ((line.status === 'written' || line.status === 'cached') && line.path !== null) {
        done.set(line.url, line.path);
      } else {
        done.delete(line.url);
      }
    }
  } catch (error) {
    throw cannotRead(file, error);
  }
  return done;
}
