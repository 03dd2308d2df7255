import type { Readable } from 'node:stream';

/**
 * A request body: a string or bytes (sent with `Content-Length`), or a stream or async iterable of
 * bytes (sent chunked, as lowhaio streams bodies). A plain object is sent as JSON.
 */
export type RequestBody = string | Uint8Array | Readable | AsyncIterable<Uint8Array> | object;

/**
 * One HTTP request as drover sends it, made anew for every attempt by the request strategy's
 * `request(bundle)`; `beforeAttempt` hooks may change it before it goes out.
 */
export interface DroverRequest {
  /** The absolute URL to request (a mirror on a retry, when the bundle has mirrors). */
  url: string;
  /** The method, upper case. */
  method: string;
  /** Headers to send; names in any case. drover adds `Accept-Encoding`, `Range` and validators. */
  headers: Record<string, string>;
  /** The body, for POST, PUT or PATCH. */
  body?: RequestBody | undefined;
}
