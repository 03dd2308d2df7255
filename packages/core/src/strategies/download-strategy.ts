import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import fs from 'fs-extra';
import type { Bundle } from '../bundle.js';
import { resolveInside, urlToRelativePath } from '../url-path.js';
import { expectBoolean, expectInteger } from '../validate.js';
import type { StrategyResponse } from './request-strategy.js';

/** Options of {@link DownloadStrategy}. */
export interface DownloadStrategyOptions {
  /** Write buffer size in bytes. @default 65_536 */
  readonly chunkSize?: number;
  /** The folder URL-derived paths live under. @default process.cwd() when the strategy is made */
  readonly home?: string;
  /** Skip a bundle whose file already exists (status `cached`, no request). @default false */
  readonly skipCached?: boolean;
}

/** {@link DownloadStrategyOptions} with every default applied; `home` is absolute. */
export type NormalizedDownloadStrategyOptions = Required<DownloadStrategyOptions>;

/** The suffix of the temporary sibling a body is written to before it is renamed into place. */
export const PART_SUFFIX = '.part';

/**
 * Where and how to write. The base maps each URL under `home` (see `urlToRelativePath`), writes the
 * body to `<path>.part`, and renames it into place only once the body arrived whole, so the final path
 * never holds a partial file and a good file there is replaced only by a complete new one.
 *
 * Override `getFilePath` for your own names, `isCached` for your own freshness rule, `onSuccess` to
 * write elsewhere (it receives a body stream that already enforces timeouts and `Content-Length`).
 */
export class DownloadStrategy {
  /** The options in force, defaults applied. */
  readonly options: NormalizedDownloadStrategyOptions;

  constructor(options: DownloadStrategyOptions = {}) {
    this.options = {
      chunkSize: expectInteger('chunkSize', options.chunkSize ?? 65_536, 1),
      home: path.resolve(options.home ?? process.cwd()),
      skipCached: expectBoolean('skipCached', options.skipCached ?? false),
    };
  }

  /** The folder files are written under. */
  get home(): string {
    return this.options.home;
  }

  /** The absolute path for a bundle: the URL mapped under `home`, never outside it. */
  getFilePath(bundle: Bundle): string {
    return resolveInside(this.options.home, urlToRelativePath(bundle.url));
  }

  /** With `skipCached`, whether a regular file is already at the bundle's path. */
  async isCached(bundle: Bundle): Promise<boolean> {
    if (!this.options.skipCached || bundle.filePath === undefined) return false;
    const stat = await fs.stat(bundle.filePath).catch(() => undefined);
    return stat?.isFile() ?? false;
  }

  /**
   * Stream the body to `<filePath>.part`, then rename it to `filePath`. On any failure the part file
   * is removed and the error is rethrown; a file already at `filePath` is left untouched.
   */
  async onSuccess(response: StrategyResponse, bundle: Bundle): Promise<void> {
    const target = bundle.filePath ?? this.getFilePath(bundle);
    const part = `${target}${PART_SUFFIX}`;
    try {
      await fs.ensureDir(path.dirname(target));
      await pipeline(response.data, createWriteStream(part, { highWaterMark: this.options.chunkSize }));
      await fs.rename(part, target);
    } catch (error) {
      response.data.destroy();
      await fs.remove(part).catch(() => undefined);
      throw error;
    }
  }

  /** Called once when a bundle has failed for good. The base does nothing. */
  async onFail(_bundle: Bundle): Promise<void> {}
}
