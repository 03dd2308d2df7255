import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running forward proxy; see {@link startForwardProxy}. */
export interface ForwardProxy {
  /** `http://127.0.0.1:<port>`, for `HTTP_PROXY` or a `proxy` option. */
  readonly url: string;
  /** The absolute-form request targets it forwarded, in order. */
  readonly seen: string[];
  /** Stop listening and drop its connections. */
  close(): Promise<void>;
}

/**
 * A forward proxy for plain HTTP on 127.0.0.1 that records each absolute-form target it forwards,
 * so a test can prove a request went through it (or did not).
 */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(String(req.url));
    const upstream = http.request(String(req.url), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
