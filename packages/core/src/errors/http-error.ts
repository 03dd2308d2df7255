import type { DroverHeaders } from '../http/headers.js';
import { parseRetryAfter } from '../retry-after.js';
import { DroverError, type DroverErrorOptions } from './drover-error.js';

/** Statuses that usually go away when asked again later. */
const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);

/** The server answered with a status the request strategy does not accept (by default, >= 400). */
export class HttpError extends DroverError {
  /** The HTTP status code. */
  readonly status: number;
  /**
   * How long the server asked us to wait (`Retry-After`, seconds or HTTP-date) in milliseconds,
   * when it said so.
   */
  readonly retryAfter: number | undefined;
  /** The response's headers, when the error came from a response. */
  readonly headers: DroverHeaders | undefined;
  /** The first bytes of the response body as text (at most 1 KiB), when drover read them. */
  bodyExcerpt: string | undefined;

  constructor(
    status: number,
    options: DroverErrorOptions & {
      readonly retryAfter?: number | undefined;
      /** The response's headers. */
      readonly headers?: DroverHeaders | undefined;
      /** What to say instead of `server answered <status>`. */
      readonly detail?: string | undefined;
    },
  ) {
    super('ERR_DROVER_HTTP_STATUS', options.detail ?? `server answered ${status}`, {
      transient: TRANSIENT_STATUSES.has(status),
      ...options,
    });
    this.name = 'HttpError';
    this.status = status;
    this.retryAfter = options.retryAfter;
    this.headers = options.headers;
    this.bodyExcerpt = undefined;
  }

  /** The error for a response the strategy refused, with its headers and `Retry-After` read. */
  static fromResponse(
    response: { readonly status: number; readonly headers: DroverHeaders },
    request: { readonly url: string; readonly method: string },
  ): HttpError {
    return new HttpError(response.status, {
      url: request.url,
      method: request.method,
      headers: response.headers,
      retryAfter: parseRetryAfter(response.headers.get('retry-after') ?? undefined),
    });
  }
}
