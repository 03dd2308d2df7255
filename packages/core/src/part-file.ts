import { rename } from 'node:fs/promises';
import fs from 'fs-extra';
import { isIntegrityError } from './errors/guards.js';
import { ReadError } from './errors/read-error.js';
import { redactUrl } from './redact-url.js';

/** The suffix of the temporary sibling a body is written to before it is renamed into place. */
export const PART_SUFFIX = '.part';

/** What is remembered about a `.part` file so a later attempt or run can resume it safely. */
export interface PartialMeta {
  /** The URL the bytes came from (a password masked). */
  readonly url: string;
  /** A strong ETag of the resource, when the server sent one. */
  readonly etag?: string;
  /** The resource's Last-Modified, when the server sent one. */
  readonly lastModified?: string;
}

/**
 * The `.part` file of one bundle's target, and everything about resuming it: the `Range` offset,
 * the `.part.json` sidecar (URL and validator), keeping or dropping the prefix after a failure, and
 * the rename into place. One object per bundle that owns its path (PathClaims), so only the owner
 * ever reads an offset from, appends to, or removes this file.
 */
export class PartFile {
  /** `<target>.part`. */
  readonly path: string;
  /** Bytes already in the part file when drover sent a `Range` for the rest; else `undefined`. */
  offset: number | undefined;
  /** A part file was there before the request (it may have a sidecar to clean up). */
  private found = false;

  constructor(readonly target: string) {
    this.path = `${target}${PART_SUFFIX}`;
  }

  /**
   * `Range` + `If-Range` to resume, when the part file holds a prefix of `url` whose sidecar has a
   * validator; `undefined` otherwise (the next body is written from byte 0).
   */
  async resumeHeaders(url: string): Promise<Record<string, string> | undefined> {
    this.offset = undefined;
    // One stat in the common case (no part file); the sidecar is read only when there is one.
    const bytes = await sizeOf(this.path);
    if (bytes === 0) return undefined;
    this.found = true;
    const meta = await this.readMeta();
    // The sidecar keeps the URL with its password masked; compare it that way.
    const validator = meta?.url === redactUrl(url) ? validatorOf(meta) : undefined;
    if (validator === undefined) return undefined;
    this.offset = bytes;
    return { range: `bytes=${bytes}-`, 'if-range': validator };
  }

  /**
   * Whether a response continues the part file: a `206` to drover's own `Range` whose
   * `Content-Range` starts at the offset. A 206 starting elsewhere drops the part and throws.
   */
  async appends(status: number, contentRange: string | null, url: string): Promise<boolean> {
    const offset = this.offset;
    this.offset = undefined;
    // A 206 to the caller's own Range is the file itself, written from byte 0.
    if (status !== 206 || offset === undefined) return false;
    if (contentRangeStart(contentRange) === offset) return true;
    await this.remove();
    throw new ReadError(`unexpected Content-Range ${contentRange}`, 0, { url: redactUrl(url) });
  }

  /** The body is whole and verified: rename it into place (atomically replacing an older file). */
  async commit(): Promise<void> {
    await rename(this.path, this.target);
    // The success path writes no sidecar; only a part file found before the request may have one.
    if (this.found) await this.remove();
  }

  /**
   * After a failed write: bytes on disk are always a prefix of the resource, so keep them (with a
   * sidecar naming the URL and validator) for a resume, unless nothing arrived, the response cannot
   * be resumed (`meta` undefined), or the bytes failed their checksum.
   */
  async keepOrDrop(meta: PartialMeta | undefined, error: unknown): Promise<void> {
    const keep = meta !== undefined && !isIntegrityError(error) && (await sizeOf(this.path)) > 0;
    if (keep) await fs.writeJson(metaPath(this.path), meta).catch(() => this.remove());
    else await this.remove();
  }

  /** Remove the part file and its sidecar; never throws. */
  async remove(): Promise<void> {
    this.offset = undefined;
    await Promise.all([fs.remove(this.path), fs.remove(metaPath(this.path))]).catch(() => undefined);
  }

  private async readMeta(): Promise<PartialMeta | undefined> {
    try {
      const meta = (await fs.readJson(metaPath(this.path))) as Partial<PartialMeta>;
      return typeof meta.url === 'string' ? (meta as PartialMeta) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The sidecar next to a `.part` file. */
function metaPath(partPath: string): string {
  return `${partPath}.json`;
}

/** The validator to send in `If-Range`: a strong ETag, else Last-Modified. */
function validatorOf(meta: PartialMeta): string | undefined {
  if (meta.etag !== undefined && !meta.etag.startsWith('W/')) return meta.etag;
  return meta.lastModified;
}

/** Size of a regular file, 0 when there is none. */
async function sizeOf(file: string): Promise<number> {
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() === true ? stat.size : 0;
}

/** The first byte position of a `Content-Range: bytes a-b/n` header. */
function contentRangeStart(header: string | null): number | undefined {
  const match = header === null ? null : /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(header.trim());
  return match === null ? undefined : Number(match[1]);
}
