import { fileContent } from '../content.js';
import type { RouteContext } from '../context.js';
import { BadRequestError, intParam, send } from '../http-util.js';

/** Largest header or body these routes write (they are for tests, not loads). */
const MAX_SIZE = 16 * 1024 * 1024;

function sizeParam(url: URL, name: string, fallback: number): number {
  const size = intParam(url, name, fallback);
  if (size > MAX_SIZE) throw new BadRequestError(`${name} above ${MAX_SIZE}`);
  return size;
}

/**
 * Writes a raw response on the socket (node:http's own writer would refuse to break HTTP), then ends
 * the connection once it is flushed.
 */
function writeRaw(ctx: RouteContext, ...parts: Array<string | Buffer>): void {
  const socket = ctx.req.socket;
  for (const part of parts) socket.write(part);
  socket.destroySoon();
}

/**
 * `/header-overflow?size=65536`: a 200 whose `X-Overflow` header holds `size` bytes, more than a
 * client accepts (Node and undici stop at 16 KiB of headers).
 */
export function headerOverflow(ctx: RouteContext): void {
  const size = sizeParam(ctx.url, 'size', 65_536);
  writeRaw(ctx, `HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Overflow: ${'a'.repeat(size)}\r\n\r\nok`);
}

/**
 * `/bad-chunked?size=1024`: `Transfer-Encoding: chunked` with one valid chunk of `size` bytes of
 * `fileContent('/bad-chunked', size)`, then a chunk size that is not hexadecimal (`zz`).
 */
export function badChunked(ctx: RouteContext): void {
  const size = sizeParam(ctx.url, 'size', 1024);
  const head =
    'HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
  const chunk = size === 0 ? [] : [`${size.toString(16)}\r\n`, fileContent('/bad-chunked', size), '\r\n'];
  writeRaw(ctx, head, ...chunk, 'zz\r\nnot a chunk\r\n0\r\n\r\n');
}

const ENCODINGS = new Set(['gzip', 'deflate', 'br']);

/**
 * `/bad-encoding?encoding=gzip&size=1024`: `Content-Encoding: <encoding>` (gzip, deflate or br) with
 * a correct `Content-Length`, but the body is `fileContent('/bad-encoding', size)`, not compressed:
 * every byte arrives, none decodes.
 */
export function badEncoding(ctx: RouteContext): void {
  const encoding = ctx.url.searchParams.get('encoding') ?? 'gzip';
  if (!ENCODINGS.has(encoding)) throw new BadRequestError(`invalid encoding: ${encoding}`);
  const size = sizeParam(ctx.url, 'size', 1024);
  send(ctx.res, 200, fileContent('/bad-encoding', size), 'application/octet-stream', {
    'Content-Encoding': encoding,
  });
}
