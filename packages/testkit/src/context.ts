import type { IncomingMessage, ServerResponse } from 'node:http';

/** Everything a route handler needs about one request. */
export interface RouteContext {
  /** The incoming request. */
  readonly req: IncomingMessage;
  /** The response to write. */
  readonly res: ServerResponse;
  /** The parsed request target. */
  readonly url: URL;
  /** `url.pathname`: the path as the client's WHATWG `URL.pathname` has it, without query. */
  readonly path: string;
  /** Aborted when the response closes (finished, or the socket went away); stops timers and writes. */
  readonly signal: AbortSignal;
  /** Counts one more hit of `key` and returns the new count (1 for the first hit). */
  hit(key: string): number;
}

/** A route handler. */
export type RouteHandler = (ctx: RouteContext) => void | Promise<void>;
