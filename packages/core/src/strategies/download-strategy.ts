import { createWriteStream } from 'node:fs';
import path from 'node:path';
import fs from 'fs-extra';
import type { Bundle } from '../bundle.js';
import { verifiedRecord, writeRecord } from '../cache-record.js';
import { digestMatches, hashFileInto, hashFor, hashTap } from '../checksum.js';
import { IntegrityError } from '../errors/integrity-error.js';
import type { DroverResponse } from '../http/response.js';
import { makeFolder } from '../make-folder.js';
import { PART_SUFFIX, PartFile, type PartialMeta } from '../part-file.js';
import { redactUrl } from '../redact-url.js';
import { saveStream } from '../save-stream.js';
import { resolveInside, urlToRelativePath } from '../url-path.js';
import { expectBoolean, expectInteger } from '../validate.js';

/** Options of {@link DownloadStrategy}. */
export interface DownloadStrategyOptions {
  /**
   * Write buffer size in bytes: chunks gather up to this much while a write is in flight and go out
   * in one `writev` (1 MiB wrote a 1 GiB stream ~10 % faster than 64 KiB; docs/performance.md).
   * @default 1_048_576
   */
  readonly chunkSize?: number;
  /** The folder URL-derived paths live under. @default process.cwd() when the strategy is made */
  readonly home?: string;
  /**
   * Skip a bundle whose file is still what an earlier run wrote from the same URL (status `cached`,
   * no request): each written file gets a small record in a hidden `.drover/` folder beside it (its
   * URL, size, modification time and validators), and a file whose size or time changed since, or
   * that has no record (written by another tool), is downloaded again. Costs one stat and one small
   * write per written file, and one stat and one read per skipped one.
   * @default false
   */
  readonly skipCached?: boolean;
  /**
   * With `skipCached`: instead of trusting a recorded file, ask the server with the validators it was
   * written with (`If-None-Match` with its ETag, `If-Modified-Since`) and keep the file on `304 Not
   * Modified`. A file without a valid record is downloaded again. Written files take the server's
   * `Last-Modified` as their time.
   * @default false
   */
  readonly revalidate?: boolean;
  /**
   * Resume a `.part` file left by a failed attempt with `Range` + `If-Range`, when the server gave a
   * validator (strong ETag or Last-Modified) and the body was not compressed. A first attempt looks
   * for a part file only with `keepPartial` (one kept by an earlier run).
   * @default true
   */
  readonly resume?: boolean;
  /**
   * Keep a resumable `.part` file (and its `.part.json` sidecar) when a bundle fails for good or is
   * aborted, so a later run resumes it. Without it, `onFail` removes them.
   * @default false
   */
  readonly keepPartial?: boolean;
}

/** {@link DownloadStrategyOptions} with every default applied; `home` is absolute. */
export type NormalizedDownloadStrategyOptions = Required<DownloadStrategyOptions>;

export { PART_SUFFIX };

function header(response: DroverResponse, name: string): string | undefined {
  const value = response.headers.get(name);
  return value === null || value === '' ? undefined : value;
}

/**
 * Where and how to write. The base maps each URL under `home` (see `urlToRelativePath`), writes the
 * body to `<path>.part`, and renames it into place only once the body arrived whole (and matched the
 * bundle's checksum), so the final path never holds a partial file and a good file there is replaced
 * only by a complete new one.
 *
 * Override `getFilePath` for your own names, `isCached` for your own freshness rule, `onSuccess` to
 * write elsewhere (it receives a body stream that already enforces timeouts and `Content-Length`).
 */
export class DownloadStrategy {
  /** The options in force, defaults applied. */
  readonly options: NormalizedDownloadStrategyOptions;
  /**
   * The part file of each bundle this strategy prepared a request for: the only `.part` files it
   * ever touches (a bundle that never owned its path has none), with the resume offset inside.
   */
  private readonly parts = new WeakMap<Bundle, PartFile>();
  /** Folders this strategy already made, so each file costs no mkdir (forgotten on ENOENT). */
  private readonly folders = new Set<string>();

  constructor(options: DownloadStrategyOptions = {}) {
    this.options = {
      chunkSize: expectInteger('chunkSize', options.chunkSize ?? 1_048_576, 1),
      home: path.resolve(options.home ?? process.cwd()),
      skipCached: expectBoolean('skipCached', options.skipCached ?? false),
      revalidate: expectBoolean('revalidate', options.revalidate ?? false),
      resume: expectBoolean('resume', options.resume ?? true),
      keepPartial: expectBoolean('keepPartial', options.keepPartial ?? false),
    };
  }

  /** The folder files are written under. */
  get home(): string {
    return this.options.home;
  }

  /**
   * The absolute path for a bundle: the URL mapped under `home`, never outside it. A strategy that
   * writes no file (keeps bodies in memory) returns `undefined`.
   */
  getFilePath(bundle: Bundle): string | undefined {
    return resolveInside(this.options.home, urlToRelativePath(bundle.url));
  }

  /**
   * With `skipCached` (and without `revalidate`), whether the file at the bundle's path is still what
   * an earlier run wrote from this URL: its record (written beside it, in `.drover/`) names the URL,
   * and its size and modification time are unchanged. A truncated or replaced file, or one written by
   * another tool (no record), is downloaded again. With a checksum, the file must match it too.
   */
  async isCached(bundle: Bundle): Promise<boolean> {
    if (!this.options.skipCached || this.options.revalidate) return false;
    // Callers may ask before the coordinator has settled the path.
    const target = bundle.filePath ?? this.getFilePath(bundle);
    if (target === undefined) return false;
    if ((await verifiedRecord(target, bundle.url)) === undefined) return false;
    if (bundle.checksum === undefined) return true;
    const hash = hashFor(bundle.checksum);
    await hashFileInto(target, hash);
    return digestMatches(bundle.checksum.digest, hash.digest());
  }

  /**
   * Extra headers for the next request: `Range` + `If-Range` to resume a `.part` file, or
   * `If-Modified-Since` to revalidate an existing file.
   */
  async requestHeaders(bundle: Bundle): Promise<Record<string, string>> {
    const target = bundle.filePath;
    if (target === undefined) return {};
    const part = this.partOf(bundle, target);
    part.offset = undefined;
    // A part file exists only after a failed attempt of this bundle, or one an earlier run kept
    // (keepPartial); checking only then spares every first attempt a stat.
    const mayHavePart = bundle.attempts > 1 || this.options.keepPartial;
    if (this.options.resume && bundle.method === 'GET' && mayHavePart) {
      const resume = await part.resumeHeaders(bundle.url);
      if (resume !== undefined) return resume;
    }
    if (this.options.skipCached && this.options.revalidate) {
      // Only a file that is still what was written may be kept on 304: ask with its own validators.
      const record = await verifiedRecord(target, bundle.url);
      if (record !== undefined) {
        const conditional: Record<string, string> = {};
        if (record.etag !== undefined) conditional['if-none-match'] = record.etag;
        if (record.lastModified !== undefined) conditional['if-modified-since'] = record.lastModified;
        else conditional['if-modified-since'] = new Date(record.mtimeMs).toUTCString();
        return conditional;
      }
    }
    return {};
  }

  /**
   * Stream the body to `<filePath>.part` (appending after a `206` to a ranged request), verify the
   * checksum, then rename it to `filePath`. On failure the part file is kept when a later attempt can
   * resume it, else removed; a file already at `filePath` is never touched.
   */
  async onSuccess(response: DroverResponse, bundle: Bundle): Promise<void> {
    const target = bundle.filePath ?? this.getFilePath(bundle);
    if (target === undefined) throw new TypeError('the download strategy gave no file path');
    const part = this.partOf(bundle, target);
    const append = await part.appends(response.status, response.headers.get('content-range'), bundle.url);
    const meta = this.resumeMeta(response, bundle);
    const folder = path.dirname(target);
    try {
      if (!this.folders.has(folder)) {
        await makeFolder(folder);
        this.folders.add(folder);
      }
      const hash = bundle.checksum === undefined ? undefined : hashFor(bundle.checksum);
      if (hash !== undefined && append) await hashFileInto(part.path, hash);
      const sink = createWriteStream(part.path, {
        flags: append ? 'a' : 'w',
        highWaterMark: this.options.chunkSize,
      });
      await saveStream(response.body, hash === undefined ? [] : [hashTap(hash)], sink);
      if (hash !== undefined && bundle.checksum !== undefined) {
        const actual = hash.digest();
        if (!digestMatches(bundle.checksum.digest, actual)) {
          const { algorithm, digest } = bundle.checksum;
          throw new IntegrityError(algorithm, digest, actual.toString('hex'), bundle);
        }
      }
      await part.commit();
      this.parts.delete(bundle);
      const lastModified = Date.parse(header(response, 'last-modified') ?? '');
      if (this.options.revalidate && !Number.isNaN(lastModified)) {
        await fs.utimes(target, new Date(), new Date(lastModified));
      }
      // What skipCached trusts next time: one stat and one small write per file, only with it on.
      if (this.options.skipCached) {
        await writeRecord(target, await fs.stat(target), bundle.url, {
          etag: header(response, 'etag'),
          lastModified: header(response, 'last-modified'),
        });
      }
    } catch (error) {
      response.body.destroy();
      if ((error as { code?: unknown }).code === 'ENOENT') this.folders.delete(folder);
      await part.keepOrDrop(meta, error);
      throw error;
    }
  }

  /** The bundle's part file, made on first use. */
  private partOf(bundle: Bundle, target: string): PartFile {
    let part = this.parts.get(bundle);
    if (part === undefined || part.target !== target) {
      part = new PartFile(target);
      this.parts.set(bundle, part);
    }
    return part;
  }

  /**
   * Called once when a bundle has failed for good. Removes its `.part` file unless `keepPartial`, and
   * only when this strategy prepared a request for the bundle: a bundle that never owned its path (a
   * `PathConflictError`, an invalid URL) never touches the files there.
   */
  async onFail(bundle: Bundle): Promise<void> {
    const part = this.parts.get(bundle);
    if (part === undefined) return;
    this.parts.delete(bundle);
    if (!this.options.keepPartial) await part.remove();
  }

  /** Remove the bundle's `.part` file so the next attempt starts from byte 0. */
  async discardPartial(bundle: Bundle): Promise<void> {
    await this.parts.get(bundle)?.remove();
  }

  /** What to remember for a resume, when this response can be resumed at all. */
  private resumeMeta(response: DroverResponse, bundle: Bundle): PartialMeta | undefined {
    if (
      !this.options.resume ||
      bundle.method !== 'GET' ||
      header(response, 'content-encoding') !== undefined
    ) {
      return undefined;
    }
    const etag = header(response, 'etag');
    const lastModified = header(response, 'last-modified');
    if (etag === undefined && lastModified === undefined) return undefined;
    return {
      url: redactUrl(bundle.url),
      ...(etag === undefined ? {} : { etag }),
      ...(lastModified === undefined ? {} : { lastModified }),
    };
  }
}
