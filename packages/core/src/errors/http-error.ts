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

  constructor(
    status: number,
    options: DroverErrorOptions & {
      readonly retryAfter?: number | undefined;
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
  }

  /** The error for a response the strategy refused, with its `Retry-After` read. */
  static fromResponse(
    response: { readonly status: number; readonly headers: Readonly<Record<string, unknown>> },
    request: { readonly url: string; readonly method: string },
  ): HttpError {
    return new HttpError(response.status, {
      url: request.url,
      method: request.method,
      retryAfter: parseRetryAfter(response.headers['retry-after']),
    });
  }
}
