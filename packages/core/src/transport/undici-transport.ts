import type { InternalAxiosRequestConfig, RawAxiosResponseHeaders } from 'axios';
import { Agent, type Dispatcher, EnvHttpProxyAgent } from 'undici';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { RedirectError } from '../errors/redirect-error.js';
import { redactUrl } from '../redact-url.js';
import type { StrategyResponse } from '../strategies/request-strategy.js';
import { nextHop, RedirectRefused, redirectLocation } from './redirect.js';
import { basicAuth, encodeBody, unsupportedOption, withParams } from './request-body.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import { requestTarget, withAuthorization } from './url-credentials.js';

/** What the undici transport can be told. */
export interface UndiciTransportOptions {
  /** Check TLS certificates. */
  readonly rejectUnauthorized: boolean;
  /** Longest wait for a TCP/TLS connection in milliseconds; 0 off. */
  readonly connectTimeout: number;
}

/** Bytes undici buffers in a response body before it pauses the socket (its default is 64 KiB). */
const BODY_HIGH_WATER_MARK = 1 << 20;

function proxyConfigured(): boolean {
  const env = process.env;
  return Boolean(env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy);
}

/**
 * Requests through an undici `Agent` (keep-alive pools per origin, no per-request parsing of options
 * objects): about 1.5× the files/s of axios on small files (docs/performance.md). Honours
 * `HTTP(S)_PROXY`/`NO_PROXY` like axios. undici's own timeouts are off: the attempt loop enforces
 * drover's three. Redirects are followed here rather than by undici's interceptor, so the final URL
 * and a refused hop's target can be reported.
 */
export class UndiciTransport implements Transport {
  readonly name = 'undici';
  private readonly agent: Dispatcher & { destroy(): Promise<void> };

  constructor(options: UndiciTransportOptions) {
    const agentOptions = {
      // undici reads a connect timeout of 0 as "off", as drover does.
      connect: { rejectUnauthorized: options.rejectUnauthorized, timeout: options.connectTimeout },
      headersTimeout: 0,
      bodyTimeout: 0,
    };
    // Plain-http requests go to the proxy in absolute form, as axios and curl send them; https tunnels.
    this.agent = proxyConfigured()
      ? new EnvHttpProxyAgent({ ...agentOptions, proxyTunnel: false })
      : new Agent(agentOptions);
  }

  async request(request: TransportRequest): Promise<TransportResponse> {
    const { config } = request;
    const context = { url: request.url, method: String(config.method ?? 'GET').toUpperCase() };
    const unsupported = unsupportedOption(config);
    if (unsupported !== undefined) {
      throw new InvalidRequestError(
        `the undici transport does not support the axios option ${JSON.stringify(unsupported)}; use transport 'axios'`,
        context,
      );
    }
    const target = requestTarget(request.url);
    let url: URL;
    let encoded: ReturnType<typeof encodeBody>;
    try {
      url = new URL(withParams(target.url, config.params));
      encoded = encodeBody(config.data);
    } catch (error) {
      throw new InvalidRequestError((error as Error).message, { ...context, cause: error });
    }
    // axios's `auth` wins over any Authorization header, as on axios; a header wins over user info.
    let headers =
      config.auth === undefined
        ? withAuthorization(request.headers, target.authorization)
        : withAuthorization(withoutHeader(request.headers, 'authorization'), basicAuth(config.auth));
    if (encoded.contentType !== undefined && !hasHeader(headers, 'content-type')) {
      headers['content-type'] = encoded.contentType;
    }
    let method = context.method;
    let body = encoded.body;
    for (let hops = 0; ; hops++) {
      const answer = await this.agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: method as Dispatcher.HttpMethod,
        headers,
        body: body ?? null,
        signal: request.signal,
        highWaterMark: BODY_HIGH_WATER_MARK,
      });
      const location =
        request.maxRedirects > 0 ? redirectLocation(answer.statusCode, answer.headers) : undefined;
      if (location === undefined) {
        return { response: toStrategyResponse(answer, request, url, method, headers), finalUrl: url.href };
      }
      await answer.body.dump().catch(() => undefined);
      const at = { ...context, url: url.href };
      if (hops >= request.maxRedirects) {
        throw new RedirectError(
          `more than ${request.maxRedirects} redirects (last to ${redactUrl(location)})`,
          at,
        );
      }
      try {
        const hop = nextHop(url, method, headers, answer.statusCode, location);
        if (hop.keepBody && body !== undefined && typeof body === 'object' && 'pipe' in body) {
          throw new RedirectRefused(`cannot resend a streamed body to ${hop.url.href}`);
        }
        ({ url, method, headers } = hop);
        if (!hop.keepBody) body = undefined;
      } catch (error) {
        if (error instanceof RedirectRefused) throw new RedirectError(error.message, { ...at, cause: error });
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

function withoutHeader(headers: Readonly<Record<string, string>>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * undici's answer in axios's response shape, so strategies see the same fields on both transports.
 * Headers are plain objects with lower-case names (`AxiosHeaders` instances cost 3 % of the CPU per
 * small file); read them with `headers['content-type']`, which works on both.
 */
function toStrategyResponse(
  answer: Dispatcher.ResponseData,
  request: TransportRequest,
  url: URL,
  method: string,
  headers: Record<string, string>,
): StrategyResponse {
  return {
    status: answer.statusCode,
    statusText: answer.statusText ?? '',
    headers: answer.headers as RawAxiosResponseHeaders,
    data: answer.body,
    config: {
      ...request.config,
      url: url.href,
      method,
      headers,
    } as unknown as InternalAxiosRequestConfig,
    request: undefined,
  };
}
