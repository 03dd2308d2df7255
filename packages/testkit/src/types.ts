import type { IncomingHttpHeaders } from 'node:http';

/** Options of {@link createTestServer}. */
export interface TestServerOptions {
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Port to listen on; `0` picks a free port.
   * @default 0
   */
  port?: number;
  /**
   * Serve HTTPS with this key and certificate (PEM), such as `testCertificate()` makes; `url`
   * starts with `https://`.
   * @default undefined (plain HTTP)
   */
  tls?: { readonly key: string; readonly cert: string };
}

/** One request received by the test server. */
export interface RequestLogEntry {
  /** Arrival time, from `Date.now()`. */
  time: number;
  /** Request method, e.g. `'GET'`. */
  method: string;
  /** Path and query exactly as received, e.g. `'/files/a.bin?size=10'`. */
  path: string;
  /** Request headers (lower-cased names). */
  headers: IncomingHttpHeaders;
  /** The `Host` header, or `''` when absent. */
  host: string;
}

/** Concurrency figures for a set of requests. */
export interface InFlightStats {
  /** Requests in flight right now. */
  current: number;
  /** Most requests in flight at the same time since the server started or was last reset. */
  max: number;
}

/** A running test server; see {@link createTestServer}. */
export interface TestServer {
  /** Base URL without trailing slash, e.g. `'http://127.0.0.1:41234'`. */
  readonly url: string;
  /** Same as {@link TestServer.url}. */
  readonly origin: string;
  /** The port actually listened on. */
  readonly port: number;
  /** The host listened on. */
  readonly host: string;
  /** Every request since start or last {@link TestServer.reset}, in arrival order. */
  readonly log: RequestLogEntry[];
  /**
   * Current and maximum number of requests in flight (from arrival until the response finishes or its socket
   * closes), overall or only for requests whose path (with query) starts with `prefix`, e.g. `'/files/'`.
   */
  inFlight(prefix?: string): InFlightStats;
  /** How many times a key (of `/flaky`, `/retry-after`, `/reset?key=` or `/json-error?key=`) was hit. */
  hits(key: string): number;
  /** The log entries whose path (with query) starts with `prefix`. */
  requests(prefix: string): RequestLogEntry[];
  /** Clears the log, the hit counters and the maximum in-flight figures. */
  reset(): void;
  /** Stops listening and destroys every open socket (stalled responses included). */
  close(): Promise<void>;
}
