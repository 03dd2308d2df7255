import type { RouteContext, RouteHandler } from './context.js';
import { BadRequestError, sendText } from './http-util.js';
import { basicAuth } from './routes/auth.js';
import {
  drip,
  flaky,
  headersClose,
  reset,
  retryAfter,
  short,
  slowHeaders,
  stall,
  status,
} from './routes/faults.js';
import { files, noHead } from './routes/files.js';
import { gzip, gzipBomb } from './routes/gzip.js';
import { apiItems, echo, json, jsonError } from './routes/misc.js';
import { badChunked, badEncoding, headerOverflow } from './routes/protocol.js';
import { redirectChain, redirectLoop, redirectTo } from './routes/redirects.js';
import { site } from './routes/site.js';

const exact = new Map<string, RouteHandler>([
  ['/slow-headers', slowHeaders],
  ['/drip', drip],
  ['/stall', stall],
  ['/reset', reset],
  ['/short', short],
  ['/redirect-to', redirectTo],
  ['/gzip', gzip],
  ['/gzip-bomb', gzipBomb],
  ['/json', json],
  ['/json-error', jsonError],
  ['/site', site],
  ['/echo', echo],
  ['/api/items', apiItems],
  ['/headers-close', headersClose],
  ['/auth/basic', basicAuth],
  ['/header-overflow', headerOverflow],
  ['/bad-chunked', badChunked],
  ['/bad-encoding', badEncoding],
]);

const prefixed: ReadonlyArray<readonly [string, RouteHandler]> = [
  ['/files/', files],
  ['/no-head/', noHead],
  ['/status/', status],
  ['/flaky/', flaky],
  ['/retry-after/', retryAfter],
  ['/redirect/', redirectChain],
  ['/redirect-loop/', redirectLoop],
  ['/site/', site],
];

function notFound(ctx: RouteContext): void {
  sendText(ctx.res, 404, 'not found');
}

/** The handler for a path; a 404 handler when no route matches. */
export function route(path: string): RouteHandler {
  const handler = exact.get(path) ?? prefixed.find(([prefix]) => path.startsWith(prefix))?.[1];
  return handler ?? notFound;
}

function fail(ctx: RouteContext, error: unknown): void {
  // A closed response means the client went away or close() ran: nothing left to answer.
  if (ctx.signal.aborted) return;
  const { res } = ctx;
  if (res.headersSent) {
    res.destroy();
  } else if (error instanceof BadRequestError) {
    sendText(res, 400, error.message);
  } else {
    sendText(res, 500, error instanceof Error ? error.message : String(error));
  }
}

/** Runs the matching handler; errors become 400/500 (or a destroyed socket once headers are out). */
export async function dispatch(ctx: RouteContext): Promise<void> {
  try {
    await route(ctx.path)(ctx);
  } catch (error) {
    fail(ctx, error);
  }
}
