import type { AxiosInstance } from 'axios';
import type { StrategyResponse } from '../strategies/request-strategy.js';
import { recordRequestErrors, watchBody } from './body-cause.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import { requestTarget, withAuthorization } from './url-credentials.js';

/** Requests through an axios instance (follow-redirects for redirects, Node's agents for sockets). */
export class AxiosTransport implements Transport {
  readonly name = 'axios';

  constructor(
    private readonly client: AxiosInstance,
    private readonly onClose: () => void = () => undefined,
  ) {
    recordRequestErrors();
  }

  async request(request: TransportRequest): Promise<TransportResponse> {
    // User info goes as a header drover controls: axios would let it override the caller's own.
    const target = requestTarget(request.url);
    const response: StrategyResponse = await this.client.request({
      ...request.config,
      url: target.url,
      headers: withAuthorization(request.headers, target.authorization),
      responseType: 'stream',
      decompress: false,
      validateStatus: null,
      maxRedirects: request.maxRedirects,
      signal: request.signal,
    });
    watchBody(response.request as object | undefined, response.data);
    const redirected = (response.request as { res?: { responseUrl?: unknown } } | undefined)?.res
      ?.responseUrl;
    return {
      response,
      finalUrl: typeof redirected === 'string' ? requestTarget(redirected).url : target.url,
    };
  }

  async close(): Promise<void> {
    this.onClose();
  }
}
