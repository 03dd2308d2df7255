import { gzipSync } from 'node:zlib';
import { writeChunk } from '../body.js';
import { fileContent } from '../content.js';
import type { RouteContext } from '../context.js';
import { gzipZeros } from '../gzip-zeros.js';
import { BadRequestError, intParam, send } from '../http-util.js';

const MAX_GZIP_SIZE = 64 * 1024 * 1024;
const CACHE_LIMIT = 4;
const compressed = new Map<number, Buffer>();

function gzippedContent(size: number): Buffer {
  let body = compressed.get(size);
  if (body === undefined) {
    body = gzipSync(fileContent('/gzip', size));
    compressed.set(size, body);
    if (compressed.size > CACHE_LIMIT) compressed.delete(compressed.keys().next().value ?? size);
  }
  return body;
}

/** `/gzip?size=1024`: `fileContent('/gzip', size)` gzip-compressed, with `Content-Encoding: gzip`. */
export function gzip(ctx: RouteContext): void {
  const size = intParam(ctx.url, 'size', 1024);
  if (size > MAX_GZIP_SIZE) throw new BadRequestError(`size above ${MAX_GZIP_SIZE}`);
  send(ctx.res, 200, gzippedContent(size), 'application/octet-stream', { 'Content-Encoding': 'gzip' });
}

/**
 * `/gzip-bomb?size=1073741824`: `size` zero bytes gzip-compressed (about 1 KiB per MiB), sent chunked
 * without Content-Length, with `Content-Encoding: gzip`; cheap and small in memory whatever the size.
 */
export async function gzipBomb(ctx: RouteContext): Promise<void> {
  const { req, res, signal } = ctx;
  const size = intParam(ctx.url, 'size', 1024 * 1024 * 1024);
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Encoding': 'gzip' });
  if (req.method !== 'HEAD') {
    for (const chunk of gzipZeros(size)) await writeChunk(res, chunk, signal);
  }
  res.end();
}
