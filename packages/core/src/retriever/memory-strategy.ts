import type { Bundle } from '../bundle.js';
import { ResponseCheckError } from '../errors/response-check-error.js';
import type { DroverHeaders } from '../http/headers.js';
import type { DroverResponse } from '../http/response.js';
import { DownloadStrategy } from '../strategies/download-strategy.js';

/** How `retrieve` hands bodies back. */
export type ReturnType = 'text' | 'json' | 'binary';

/** What a value type maps to. */
export interface ReturnTypes {
  text: string;
  json: unknown;
  binary: Buffer;
}

/** The response a response check sees (the body already read and parsed). */
export interface CheckedResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: DroverHeaders;
}

/**
 * Decides whether a successful response is really a success (for example a 200 whose JSON says
 * `{"error": ...}`). Return `false` or a message to refuse it: a transient `ResponseCheckError`,
 * retried within `maxAttempts`.
 */
export type ResponseCheck<T> = (value: T, response: CheckedResponse) => boolean | string;

function charsetOf(response: DroverResponse): string {
  const type = response.headers.get('content-type') ?? '';
  return /charset=["']?([\w-]+)/i.exec(type)?.[1] ?? 'utf-8';
}

/**
 * A download strategy that writes no file: it buffers each body (bounded by the request strategy's
 * `maxContentLength`), turns it into text, JSON or a Buffer, and keeps it for the caller (`values`,
 * or `take(bundle)`). Under `retrieve`, and the CLI's `fetch`.
 *
 * @example const memory = new MemoryStrategy('json'); // then new AioDownload({ downloadStrategy: memory })
 */
export class MemoryStrategy<K extends ReturnType> extends DownloadStrategy {
  /** The value of every bundle that succeeded. */
  readonly values = new Map<Bundle, ReturnTypes[K]>();

  constructor(
    private readonly kind: K,
    private readonly check?: ResponseCheck<ReturnTypes[K]> | undefined,
  ) {
    super({ resume: false });
  }

  override getFilePath(): undefined {
    return undefined;
  }

  override async isCached(): Promise<boolean> {
    return false;
  }

  override async requestHeaders(): Promise<Record<string, string>> {
    return {};
  }

  override async onSuccess(response: DroverResponse, bundle: Bundle): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    const value = this.parse(Buffer.concat(chunks), response, bundle);
    if (this.check !== undefined) {
      const verdict = this.check(value, {
        url: bundle.url,
        status: response.status,
        headers: response.headers,
      });
      if (verdict !== true) {
        const detail = typeof verdict === 'string' ? verdict : 'the response check refused the body';
        throw new ResponseCheckError(detail, bundle);
      }
    }
    this.values.set(bundle, value);
  }

  override async onFail(): Promise<void> {}

  /** The value kept for `bundle`, handed over once (the strategy forgets it). */
  take(bundle: Bundle): ReturnTypes[K] | undefined {
    const value = this.values.get(bundle);
    this.values.delete(bundle);
    return value;
  }

  private parse(body: Buffer, response: DroverResponse, bundle: Bundle): ReturnTypes[K] {
    if (this.kind === 'binary') return body as ReturnTypes[K];
    let text: string;
    try {
      text = new TextDecoder(charsetOf(response)).decode(body);
    } catch {
      text = body.toString('utf8');
    }
    if (this.kind === 'text') return text as ReturnTypes[K];
    try {
      return JSON.parse(text) as ReturnTypes[K];
    } catch (error) {
      throw new ResponseCheckError(`the body is not valid JSON: ${(error as Error).message}`, {
        ...bundle,
        cause: error,
        transient: false,
      });
    }
  }
}
