import type { Stats } from 'node:fs';
import path from 'node:path';
import fs from 'fs-extra';
import { makeFolder } from './make-folder.js';
import { redactUrl } from './redact-url.js';

/**
 * What `skipCached` remembers of a file it wrote, so a later run trusts the file only when it is
 * still exactly what was written: same URL, same size, same modification time. Kept in a hidden
 * `.drover` folder beside the file (`dir/.drover/<name>.json`), written only when `skipCached` is on.
 */
export interface CacheRecord {
  /** The URL the bytes came from, its password masked (`redactUrl`): no credentials on disk. */
  readonly url: string;
  /** The file's size when written. */
  readonly size: number;
  /** The file's modification time when written, in milliseconds (as `fs.Stats.mtimeMs`). */
  readonly mtimeMs: number;
  /** The response's ETag, for revalidation. */
  readonly etag?: string;
  /** The response's Last-Modified, for revalidation. */
  readonly lastModified?: string;
}

/** The folder the records of one directory live in; URL paths never map to it (url-path.ts). */
export const RECORD_FOLDER = '.drover';

/** Where the record of `file` lives. */
export function recordPath(file: string): string {
  return path.join(path.dirname(file), RECORD_FOLDER, `${path.basename(file)}.json`);
}

/** Write the record of `file`, which was just written from `url`. */
export async function writeRecord(
  file: string,
  stat: Stats,
  url: string,
  validators: { readonly etag?: string | undefined; readonly lastModified?: string | undefined },
): Promise<void> {
  const record: CacheRecord = {
    url: redactUrl(url),
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    ...(validators.etag === undefined ? {} : { etag: validators.etag }),
    ...(validators.lastModified === undefined ? {} : { lastModified: validators.lastModified }),
  };
  const where = recordPath(file);
  await makeFolder(path.dirname(where));
  await fs.writeJson(where, record);
}

/**
 * The record of `file` when the file is still what was written from `url` (a regular file with the
 * recorded size and modification time); `undefined` otherwise (no record, another URL, or a file
 * that was truncated, replaced or touched since).
 */
export async function verifiedRecord(file: string, url: string): Promise<CacheRecord | undefined> {
  const [stat, record] = await Promise.all([
    fs.stat(file).catch(() => undefined),
    fs.readJson(recordPath(file)).catch(() => undefined) as Promise<Partial<CacheRecord> | undefined>,
  ]);
  if (stat?.isFile() !== true || typeof record?.url !== 'string') return undefined;
  // URLs that differ only in their password share a path (url-path.ts), so masked URLs compare.
  if (redactUrl(record.url) !== redactUrl(url)) return undefined;
  if (record.size !== stat.size || record.mtimeMs !== stat.mtimeMs) return undefined;
  return record as CacheRecord;
}
