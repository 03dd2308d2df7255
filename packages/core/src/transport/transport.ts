import type { DroverRequest } from '../http/request.js';
import type { DroverResponse } from '../http/response.js';

/** Which HTTP client carries a coordinator's requests. */
export type TransportName = 'axios' | 'undici';

/** One request as the attempt loop hands it to a transport. */
export interface TransportRequest {
  /** What to send: the strategy's request, after hooks, with drover's own headers merged in. */
  readonly request: DroverRequest;
  /** How many redirects to follow; 0 returns a 3xx response as it is. */
  readonly maxRedirects: number;
  readonly signal: AbortSignal;
}

/**
 * Sends requests and hands back streaming responses in drover's own shape (`DroverResponse`),
 * whatever the HTTP client under it. Failures reject with the client's own error; the attempt
 * classifies it (one table for every transport).
 */
export interface Transport {
  readonly name: TransportName;
  request(request: TransportRequest): Promise<DroverResponse>;
  /** Close what the transport owns (agents, sockets). */
  close(): Promise<void>;
}
