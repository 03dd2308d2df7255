import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { RouteContext } from './context.js';
import { sendText } from './http-util.js';
import { InFlightTracker } from './in-flight.js';
import { dispatch } from './router.js';
import type { RequestLogEntry, TestServer, TestServerOptions } from './types.js';

interface ServerState {
  readonly log: RequestLogEntry[];
  readonly hits: Map<string, number>;
  readonly flights: InFlightTracker;
}

function parseTarget(target: string): URL | undefined {
  // Prefixing keeps a leading '//' in the path instead of turning it into a host.
  const absolute = target.startsWith('/') ? `http://localhost${target}` : target;
  return URL.canParse(absolute) ? new URL(absolute) : undefined;
}

function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): void {
  const target = req.url ?? '/';
  state.log.push({
    time: Date.now(),
    method: req.method ?? 'GET',
    path: target,
    headers: req.headers,
    host: req.headers.host ?? '',
  });
  const done = state.flights.start(target);
  const controller = new AbortController();
  res.once('finish', done);
  res.once('close', () => {
    done();
    controller.abort();
  });
  const url = parseTarget(target);
  if (url === undefined) {
    sendText(res, 400, 'bad request target');
    return;
  }
  const ctx: RouteContext = {
    req,
    res,
    url,
    path: url.pathname,
    signal: controller.signal,
    hit: (key) => {
      const count = (state.hits.get(key) ?? 0) + 1;
      state.hits.set(key, count);
      return count;
    },
  };
  void dispatch(ctx);
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function formatUrl(scheme: string, host: string, port: number): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Starts a real HTTP (or, with `tls`, HTTPS) server with deterministic routes and fault injection (see the package README for
 * the route table) and resolves once it listens.
 *
 * @example
 * ```ts
 * const server = await createTestServer();
 * const res = await fetch(`${server.url}/files/a.bin?size=10`);
 * await server.close();
 * ```
 */
export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1';
  const state: ServerState = { log: [], hits: new Map(), flights: new InFlightTracker() };
  const sockets = new Set<Socket>();
  const onRequest = (req: IncomingMessage, res: ServerResponse) => handle(state, req, res);
  const server =
    options.tls === undefined
      ? createServer(onRequest)
      : createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const address = await listen(server, options.port ?? 0, host);
  const url = formatUrl(options.tls === undefined ? 'http' : 'https', host, address.port);
  let closing: Promise<void> | undefined;
  return {
    url,
    origin: url,
    port: address.port,
    host,
    log: state.log,
    inFlight: (prefix) => state.flights.stats(prefix),
    hits: (key) => state.hits.get(key) ?? 0,
    requests: (prefix) => state.log.filter((entry) => entry.path.startsWith(prefix)),
    reset: () => {
      state.log.length = 0;
      state.hits.clear();
      state.flights.reset();
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
