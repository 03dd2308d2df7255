import { type IncomingHttpHeaders, request } from 'node:http';

/** What a raw request saw, even when the connection failed halfway. */
export interface RawResponse {
  status: number | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Set when the request or the body failed (reset, premature close, timeout). */
  error: Error | undefined;
}

/** Options of {@link rawRequest}. */
export interface RawOptions {
  /**
   * Request method.
   * @default 'GET'
   */
  method?: string;
  /**
   * Request headers.
   * @default {}
   */
  headers?: Record<string, string>;
  /**
   * Socket idle timeout in ms after which the request is destroyed.
   * @default undefined (no timeout)
   */
  timeout?: number;
  /**
   * Total time in ms after which the request is destroyed, busy or not.
   * @default undefined (no deadline)
   */
  deadline?: number;
}

/** A node:http request on a fresh connection that never rejects: failures land in `error`. */
export function rawRequest(url: string, options: RawOptions = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const result: RawResponse = { status: undefined, headers: {}, body: Buffer.alloc(0), error: undefined };
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      result.body = Buffer.concat(chunks);
      result.error = error;
      resolve(result);
    };
    const req = request(url, {
      method: options.method ?? 'GET',
      headers: options.headers ?? {},
      agent: false,
    });
    if (options.timeout !== undefined) {
      req.setTimeout(options.timeout, () => req.destroy(new Error('client timeout')));
    }
    if (options.deadline !== undefined) {
      const timer = setTimeout(() => req.destroy(new Error('client deadline')), options.deadline);
      req.on('close', () => clearTimeout(timer));
    }
    req.on('error', (error) => settle(error));
    req.on('response', (res) => {
      result.status = res.statusCode;
      result.headers = res.headers;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => settle(error));
      res.on('end', () => settle());
      res.on('close', () => settle(res.complete ? undefined : new Error('response closed early')));
    });
    req.end();
  });
}

/** Fetches and returns status, headers and the body as a Buffer. */
export async function fetchBytes(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}
