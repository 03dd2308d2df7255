import { Agent, type Dispatcher, EnvHttpProxyAgent, ProxyAgent } from 'undici';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { RedirectError } from '../errors/redirect-error.js';
import { DroverHeaders } from '../http/headers.js';
import type { DroverRequest } from '../http/request.js';
import type { DroverResponse } from '../http/response.js';
import { redactUrl } from '../redact-url.js';
import { nextHop, RedirectRefused, redirectLocation } from './redirect.js';
import { type EncodedBody, encodeBody } from './request-body.js';
import type { Transport, TransportRequest } from './transport.js';
import { requestTarget, withAuthorization } from './url-credentials.js';

/** What the undici transport can be told. */
export interface UndiciTransportOptions {
  /** Check TLS certificates. */
  readonly rejectUnauthorized: boolean;
  /** Trusted certificate authorities (PEM) in place of Node's list; `undefined` keeps it. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[] | undefined;
  /** Longest wait for a TCP/TLS connection in milliseconds; 0 off. */
  readonly connectTimeout: number;
  /** A proxy URL for every request, `false` for none, `undefined` for the environment's. */
  readonly proxy?: string | false | undefined;
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
      connect: {
        rejectUnauthorized: options.rejectUnauthorized,
        timeout: options.connectTimeout,
        ...(options.ca === undefined ? {} : { ca: options.ca as string | Buffer | (string | Buffer)[] }),
      },
      headersTimeout: 0,
      bodyTimeout: 0,
    };
    // Plain-http requests go to the proxy in absolute form, as axios and curl send them; https tunnels.
    if (typeof options.proxy === 'string') {
      this.agent = new ProxyAgent({
        ...agentOptions,
        uri: options.proxy,
        proxyTunnel: false,
        requestTls: agentOptions.connect,
      });
    } else if (options.proxy === undefined && proxyConfigured()) {
      this.agent = new EnvHttpProxyAgent({ ...agentOptions, proxyTunnel: false });
    } else this.agent = new Agent(agentOptions);
  }

  async request({ request, maxRedirects, signal }: TransportRequest): Promise<DroverResponse> {
    const context = { url: request.url, method: request.method };
    const target = requestTarget(request.url);
    let url: URL;
    let encoded: EncodedBody;
    try {
      url = new URL(target.url);
      encoded = encodeBody(request.body);
    } catch (error) {
      throw new InvalidRequestError((error as Error).message, { ...context, cause: error });
    }
    // A header the caller set wins over user info in the URL.
    let headers = withAuthorization(request.headers, target.authorization);
    if (encoded.contentType !== undefined && !hasHeader(headers, 'content-type')) {
      headers['content-type'] = encoded.contentType;
    }
    let method = request.method;
    let body = encoded.body;
    const redirects: string[] = [];
    for (let hops = 0; ; hops++) {
      const answer = await this.agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: method as Dispatcher.HttpMethod,
        headers,
        body: body ?? null,
        signal,
        highWaterMark: BODY_HIGH_WATER_MARK,
      });
      const location = maxRedirects > 0 ? redirectLocation(answer.statusCode, answer.headers) : undefined;
      if (location === undefined) {
        return toDroverResponse(answer, { url: url.href, method, headers, body }, redirects);
      }
      await answer.body.dump().catch(() => undefined);
      const at = { ...context, url: url.href };
      if (hops >= maxRedirects) {
        throw new RedirectError(`more than ${maxRedirects} redirects (last to ${redactUrl(location)})`, at);
      }
      try {
        const hop = nextHop(url, method, headers, answer.statusCode, location);
        if (hop.keepBody && body !== undefined && typeof body === 'object' && !(body instanceof Uint8Array)) {
          throw new RedirectRefused(`cannot resend a streamed body to ${hop.url.href}`);
        }
        redirects.push(url.href);
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

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/**
 * undici's answer as drover's response. Headers stay undici's plain lower-case object behind a
 * case-insensitive view: nothing is copied per response.
 */
function toDroverResponse(
  answer: Dispatcher.ResponseData,
  request: DroverRequest,
  redirects: readonly string[],
): DroverResponse {
  return {
    status: answer.statusCode,
    statusText: answer.statusText ?? '',
    headers: new DroverHeaders(answer.headers),
    body: answer.body,
    url: request.url,
    redirects,
    httpVersion: '1.1',
    request,
  };
}
