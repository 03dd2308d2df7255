import type { Readable } from 'node:stream';
import type { DroverHeaders } from './headers.js';
import type { DroverRequest } from './request.js';

/**
 * A response as strategies, hooks and events see it, whatever the transport. The body is a stream
 * that drover guards (timeouts, `Content-Length`, decoding, size limits) before a download strategy
 * reads it.
 */
export interface DroverResponse {
  /** The HTTP status code. */
  readonly status: number;
  /** The reason phrase, when the server sent one (`''` on HTTP/2). */
  readonly statusText: string;
  /** The headers, looked up by name whatever its case. */
  readonly headers: DroverHeaders;
  /** The body, unread. */
  body: Readable;
  /** The URL that answered, after redirects. */
  readonly url: string;
  /** The URLs that redirected here, in order (empty when none). */
  readonly redirects: readonly string[];
  /** The HTTP version, `'1.1'` or `'2'`. */
  readonly httpVersion: string;
  /** The request that was sent (for the last hop, after redirects). */
  readonly request: DroverRequest;
}
