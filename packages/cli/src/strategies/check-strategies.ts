import { type Bundle, type DroverError, HttpError, type StrategyResponse } from '@drover/core';
import { DelegatingStrategy } from './delegating-strategy.js';
import { FileStrategy, type FileStrategyOptions } from './file-strategy.js';

/** Statuses that mean "this server does not do HEAD": `check` asks again with GET. */
const HEAD_REFUSED = new Set([405, 501]);

/**
 * `check`'s request strategy: bundles start as HEAD; when the server refuses HEAD (405, 501) the
 * bundle switches to GET and goes again at once. The GET is one of the chosen strategy's attempts
 * (`--attempts 2`: at most HEAD and one GET), so with a single attempt a refused HEAD is final.
 * Everything else follows the chosen strategy.
 */
export class HeadFallbackStrategy extends DelegatingStrategy {
  private readonly switched = new WeakSet<Bundle>();

  override retry(bundle: Bundle, failure: DroverError): boolean {
    const refused = failure instanceof HttpError && HEAD_REFUSED.has(failure.status);
    if (bundle.method !== 'HEAD' || !refused) return super.retry(bundle, failure);
    bundle.method = 'GET';
    this.switched.add(bundle);
    return true;
  }

  override getSleepTime(bundle: Bundle, failure?: DroverError): number {
    if (this.switched.delete(bundle)) return 0;
    return super.getSleepTime(bundle, failure);
  }
}

function headerText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : String(value);
}

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

  override async onSuccess(response: StrategyResponse, bundle: Bundle): Promise<void> {
    const length = headerText(response.headers['content-length']);
    const encoding = headerText(response.headers['content-encoding']) ?? 'identity';
    // An encoded length is not the file's size, so it counts as unknown.
    if (length !== undefined && /^\d+$/.test(length) && encoding.trim().toLowerCase() === 'identity') {
      this.sizes.set(bundle, Number(length));
    }
    response.data.destroy();
  }

  /** The remote size the response announced, or `undefined` when it did not say. */
  remoteSize(bundle: Bundle): number | undefined {
    return this.sizes.get(bundle);
  }
}
