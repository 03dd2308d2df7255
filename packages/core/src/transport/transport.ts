import type { AxiosRequestConfig } from 'axios';
import type { StrategyResponse } from '../strategies/request-strategy.js';

/** Which HTTP client carries a coordinator's requests. */
export type TransportName = 'axios' | 'undici';

/** One request as the attempt loop asks for it: the strategy's config plus drover's own settings. */
export interface TransportRequest {
  /** What `RequestStrategy.requestConfig` returned (its `url` already resolved). */
  readonly config: AxiosRequestConfig;
  readonly url: string;
  /** Headers to send, strategy and download headers merged. */
  readonly headers: Readonly<Record<string, string>>;
  /** How many redirects to follow; 0 returns a 3xx response as it is. */
  readonly maxRedirects: number;
  readonly signal: AbortSignal;
}

/** The response, its body still unread, and the URL that answered after redirects. */
export interface TransportResponse {
  readonly response: StrategyResponse;
  readonly finalUrl: string;
}

/**
 * Sends requests and hands back streaming responses in the shape strategies know
 * (`StrategyResponse`). Failures reject with the client's own error; the attempt classifies it.
 */
export interface Transport {
  readonly name: TransportName;
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Close what the transport owns (agents, sockets). */
  close(): Promise<void>;
}
