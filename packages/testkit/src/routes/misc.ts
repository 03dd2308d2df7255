import type { RouteContext } from '../context.js';
import { BadRequestError, intParam, sendJson, sendText } from '../http-util.js';

const MAX_ITEMS = 1_000_000;
const MAX_ECHO_BYTES = 16 * 1024 * 1024;

/** `/json?n=3`: `{ "ok": true, "n": n, "items": [0, …, n-1] }`. */
export function json(ctx: RouteContext): void {
  const n = intParam(ctx.url, 'n', 3);
  if (n > MAX_ITEMS) throw new BadRequestError(`n above ${MAX_ITEMS}`);
  sendJson(ctx.res, 200, { ok: true, n, items: Array.from({ length: n }, (_, i) => i) });
}

/** `/json-error?key=X&fail=1`: 200 `{ "error": "try again" }` for the first `fail` hits of X, then `{ "ok": true }`. */
export function jsonError(ctx: RouteContext): void {
  const key = ctx.url.searchParams.get('key') ?? 'default';
  const fail = intParam(ctx.url, 'fail', 1);
  sendJson(ctx.res, 200, ctx.hit(key) > fail ? { ok: true } : { error: 'try again' });
}

/** `/echo`: JSON `{ method, path, headers, body }` describing the request, body read fully as UTF-8. */
export async function echo(ctx: RouteContext): Promise<void> {
  const { req, res } = ctx;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    length += buffer.length;
    if (length > MAX_ECHO_BYTES) {
      sendText(res, 413, 'body too large', { Connection: 'close' });
      return;
    }
    chunks.push(buffer);
  }
  sendJson(res, 200, {
    method: req.method,
    path: req.url,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  });
}

/**
 * `/api/items?page=N&pages=P&per=K&key=X`: one page of a paginated JSON API,
 * `{ page, pages, items: [...], next: "<url of the next page>" | null }`. The first hit of every
 * third page (2, 5, 8 …) for key X answers 429 with `Retry-After: 0`, as a rate-limited API would.
 */
export function apiItems(ctx: RouteContext): void {
  const { url } = ctx;
  const page = intParam(url, 'page', 0);
  const pages = intParam(url, 'pages', 5);
  const per = intParam(url, 'per', 10);
  if (page >= pages || per > MAX_ITEMS) throw new BadRequestError(`page ${page} out of range`);
  const key = url.searchParams.get('key') ?? 'default';
  if (page % 3 === 2 && ctx.hit(`api:${key}:${page}`) === 1) {
    sendJson(ctx.res, 429, { error: 'slow down' }, { 'Retry-After': '0' });
    return;
  }
  const next = new URL(url.href);
  next.searchParams.set('page', String(page + 1));
  sendJson(ctx.res, 200, {
    page,
    pages,
    items: Array.from({ length: per }, (_, i) => page * per + i),
    next: page + 1 < pages ? `${next.pathname}${next.search}` : null,
  });
}
