// fetch's in-memory bodies. Stopgap until core has `retrieve()`: this file is the one to swap.
import { type Bundle, DownloadStrategy, type StrategyResponse } from '@drover/core';

/** Largest body `fetch` keeps unless `--max-size` says otherwise: 10 MiB. */
export const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;

/**
 * A download strategy that keeps each body in memory instead of writing a file. Bodies arrive
 * through the core's guarded stream, so timeouts, `Content-Length` checks, decoding and the request
 * strategy's `maxContentLength` (fetch's `--max-size`) still apply.
 */
export class MemoryStrategy extends DownloadStrategy {
  private readonly bodies = new WeakMap<Bundle, Buffer>();

  /** No file: the coordinator claims no path and sends no resume headers. */
  override getFilePath(): undefined {
    return undefined;
  }

  override async onSuccess(response: StrategyResponse, bundle: Bundle): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of response.data)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    this.bodies.set(bundle, Buffer.concat(chunks));
  }

  /** The body kept for `bundle`, handed over once (the strategy forgets it). */
  take(bundle: Bundle): Buffer | undefined {
    const body = this.bodies.get(bundle);
    this.bodies.delete(bundle);
    return body;
  }
}
