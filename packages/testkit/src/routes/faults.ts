import type { RouteContext } from '../context.js';
import { BadRequestError, intParam, intSegment, sendText, sleep, statusParam } from '../http-util.js';
import { serveFile } from './files.js';

function keyOf(ctx: RouteContext, prefix: string): string {
  const key = ctx.path.slice(prefix.length);
  if (key === '') throw new BadRequestError(`missing key in ${prefix}<key>`);
  return key;
}

/** `/status/<code>?retryAfter=v`: that status (1xx become 200), body `status <code>`. */
export function status(ctx: RouteContext): void {
  const requested = intSegment(ctx.path.slice('/status/'.length), 'status');
  if (requested < 100 || requested > 599) throw new BadRequestError(`invalid status: ${requested}`);
  // Interim 1xx statuses cannot be a final answer, so they become 200.
  const code = Math.max(requested, 200);
  const retryAfter = ctx.url.searchParams.get('retryAfter');
  sendText(ctx.res, code, `status ${code}`, retryAfter === null ? {} : { 'Retry-After': retryAfter });
}

/**
 * `/flaky/<key>?fail=N&status=500&size=S&mode=reset&delay=ms` (any method): the first N hits of the key fail with
 * `status` (or a TCP reset with `mode=reset`), later hits serve `/flaky/<key>` like `/files`.
 */
export async function flaky(ctx: RouteContext): Promise<void> {
  const key = keyOf(ctx, '/flaky/');
  const { url } = ctx;
  const fail = intParam(url, 'fail', 1);
  const code = statusParam(url, 'status', 500);
  const size = intParam(url, 'size', 1024);
  const hit = ctx.hit(key);
  await sleep(intParam(url, 'delay', 0), ctx.signal);
  if (hit > fail) return serveFile(ctx, { contentPath: ctx.path, size, anyMethod: true });
  if (url.searchParams.get('mode') === 'reset') {
    ctx.req.socket.resetAndDestroy();
    return;
  }
  sendText(ctx.res, code, `status ${code}`);
}

function retryAfterValue(url: URL): string {
  if (url.searchParams.has('date')) {
    const seconds = intParam(url, 'date', 0);
    return new Date(Math.ceil((Date.now() + seconds * 1000) / 1000) * 1000).toUTCString();
  }
  return url.searchParams.get('seconds') ?? '1';
}

/**
 * `/retry-after/<key>?fail=N&status=429&seconds=S` (or `&date=S` for an HTTP-date S seconds ahead):
 * the first N hits answer `status` with `Retry-After`, later hits serve `/retry-after/<key>` like `/files`.
 */
export async function retryAfter(ctx: RouteContext): Promise<void> {
  const key = keyOf(ctx, '/retry-after/');
  const { url } = ctx;
  const fail = intParam(url, 'fail', 1);
  const code = statusParam(url, 'status', 429);
  const size = intParam(url, 'size', 1024);
  const value = retryAfterValue(url);
  if (ctx.hit(key) > fail) return serveFile(ctx, { contentPath: ctx.path, size });
  sendText(ctx.res, code, `status ${code}`, { 'Retry-After': value });
}

/** `/slow-headers?delay=1000&size=1024`: waits, then serves `/slow-headers` like `/files`. */
export function slowHeaders(ctx: RouteContext): Promise<void> {
  const { url } = ctx;
  return serveFile(ctx, {
    contentPath: '/slow-headers',
    size: intParam(url, 'size', 1024),
    delay: intParam(url, 'delay', 1000),
  });
}

/** `/drip?size=1024&chunk=128&interval=50`: `chunk` bytes of `/drip` every `interval` ms. */
export function drip(ctx: RouteContext): Promise<void> {
  const { url } = ctx;
  const chunk = intParam(url, 'chunk', 128);
  if (chunk === 0) throw new BadRequestError('invalid chunk: 0');
  return serveFile(ctx, {
    contentPath: '/drip',
    size: intParam(url, 'size', 1024),
    pace: { chunk, interval: intParam(url, 'interval', 50) },
  });
}

/** `/stall?size=1024&after=0`: promises `size` bytes of `/stall`, sends `after`, then hangs forever. */
export function stall(ctx: RouteContext): Promise<void> {
  const { url } = ctx;
  return serveFile(ctx, {
    contentPath: '/stall',
    size: intParam(url, 'size', 1024),
    cut: { after: intParam(url, 'after', 0), action: 'stall' },
  });
}

/**
 * `/reset?size=N&after=M&key=K&fail=1`: promises N bytes of `/reset`, sends M (default N/2), then closes
 * the connection. With `key`, only the first `fail` hits of the key do that; later hits serve normally.
 */
export function reset(ctx: RouteContext): Promise<void> {
  const { url } = ctx;
  const size = intParam(url, 'size', 1024);
  const after = intParam(url, 'after', Math.floor(size / 2));
  const key = url.searchParams.get('key');
  const fail = intParam(url, 'fail', 1);
  if (key !== null && ctx.hit(key) > fail) return serveFile(ctx, { contentPath: '/reset', size });
  return serveFile(ctx, { contentPath: '/reset', size, cut: { after, action: 'close' } });
}

/** `/short?size=N&send=M`: `Content-Length: N` but only M bytes (default N/2) of `/short`, then the connection ends. */
export function short(ctx: RouteContext): Promise<void> {
  const { url } = ctx;
  const size = intParam(url, 'size', 1024);
  const send = intParam(url, 'send', Math.floor(size / 2));
  return serveFile(ctx, { contentPath: '/short', size, cut: { after: send, action: 'close' } });
}

/** `/headers-close`: half a status line and header block, then the connection closes. */
export function headersClose(ctx: RouteContext): void {
  const socket = ctx.req.socket;
  socket.write('HTTP/1.1 200 OK\r\nContent-Type: text/pl');
  socket.destroySoon();
}
