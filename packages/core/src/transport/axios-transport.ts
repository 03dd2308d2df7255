import type { Readable } from 'node:stream';
import type { AxiosInstance, AxiosResponse } from 'axios';
import { DroverHeaders, type RawHeaders } from '../http/headers.js';
import type { DroverRequest } from '../http/request.js';
import type { DroverResponse } from '../http/response.js';
import { recordRequestErrors, watchBody } from './body-cause.js';
import { encodeBody } from './request-body.js';
import type { Transport, TransportRequest } from './transport.js';
import { requestTarget, withAuthorization } from './url-credentials.js';

/**
 * Requests through an axios instance (its interceptors run; follow-redirects for redirects, Node's
 * agents for sockets), mapped to drover's own request and response: strategies and hooks never see
 * an axios type. Bodies are streamed raw (`decompress: false`): drover decodes and checks them.
 */
export class AxiosTransport implements Transport {
  readonly name = 'axios';

  constructor(
    private readonly client: AxiosInstance,
    private readonly onClose: () => void = () => undefined,
  ) {
    recordRequestErrors();
  }

  async request({ request, maxRedirects, signal }: TransportRequest): Promise<DroverResponse> {
    // User info goes as a header drover controls: axios would let it override the caller's own.
    const target = requestTarget(request.url);
    const encoded = encodeBody(request.body);
    const headers = withAuthorization(request.headers, target.authorization);
    if (
      encoded.contentType !== undefined &&
      !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')
    ) {
      headers['content-type'] = encoded.contentType;
    }
    const response: AxiosResponse<Readable> = await this.client.request({
      url: target.url,
      method: request.method,
      headers,
      data: encoded.body,
      responseType: 'stream',
      decompress: false,
      validateStatus: null,
      maxRedirects,
      signal,
    });
    watchBody(response.request as object | undefined, response.data);
    const redirected = (response.request as { res?: { responseUrl?: unknown } } | undefined)?.res
      ?.responseUrl;
    const url = typeof redirected === 'string' ? requestTarget(redirected).url : target.url;
    // The last hop's own request says which method went out (a 303 turns a POST into a GET).
    const lastMethod = (response.request as { method?: unknown } | undefined)?.method;
    const sent: DroverRequest = {
      url,
      method: (typeof lastMethod === 'string' ? lastMethod : request.method).toUpperCase(),
      headers,
      body: request.body,
    };
    return {
      status: response.status,
      statusText: response.statusText ?? '',
      headers: new DroverHeaders(plainHeaders(response.headers)),
      body: response.data,
      url,
      redirects: url === target.url ? [] : [target.url],
      httpVersion:
        (response.request as { res?: { httpVersion?: string } } | undefined)?.res?.httpVersion ?? '1.1',
      request: sent,
    };
  }

  async close(): Promise<void> {
    this.onClose();
  }
}

/** axios' headers (an `AxiosHeaders` or a plain object) as a plain lower-case object. */
function plainHeaders(headers: unknown): RawHeaders {
  const source =
    typeof (headers as { toJSON?: unknown } | undefined)?.toJSON === 'function'
      ? ((headers as { toJSON(): unknown }).toJSON() as Record<string, unknown>)
      : ((headers ?? {}) as Record<string, unknown>);
  const plain: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    plain[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return plain;
}
