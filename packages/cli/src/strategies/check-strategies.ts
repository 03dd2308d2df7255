import type { Bundle, DroverResponse } from '@drover/core';
import { FileStrategy, type FileStrategyOptions } from './file-strategy.js';

/**
 * `check`'s download strategy: maps paths exactly as `get` does (so it finds `get`'s files) but
 * writes nothing: it notes the response's `Content-Length` and drops the body unread.
 */
export class CheckStrategy extends FileStrategy {
  private readonly sizes = new WeakMap<Bundle, number>();

  constructor(options: FileStrategyOptions = {}) {
    // No resume: a Range header would make the server answer with a part's length.
    super({ ...options, resume: false, skipCached: false });
  }

  override async onSuccess(response: DroverResponse, bundle: Bundle): Promise<void> {
    const length = response.headers.get('content-length') ?? undefined;
    const encoding = response.headers.get('content-encoding') ?? 'identity';
    // An encoded length is not the file's size, so it counts as unknown.
    if (length !== undefined && /^\d+$/.test(length) && encoding.trim().toLowerCase() === 'identity') {
      this.sizes.set(bundle, Number(length));
    }
    response.body.destroy();
  }

  /** The remote size the response announced, or `undefined` when it did not say. */
  remoteSize(bundle: Bundle): number | undefined {
    return this.sizes.get(bundle);
  }
}
