import { closeAfterFlush, type Pace, writeContent } from '../body.js';
import { fileEtag, fileLastModified } from '../content.js';
import type { RouteContext } from '../context.js';
import { allowGetHead, intParam, sendText, sleep } from '../http-util.js';
import { ifRangeMatches, isNotModified, parseRange } from '../range.js';

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** How {@link serveFile} serves one deterministic file. */
export interface FileSpec {
  /** The path whose `fileContent` is served. */
  contentPath: string;
  /** Size of the full representation in bytes. */
  size: number;
  /**
   * Milliseconds to wait before the headers.
   * @default 0
   */
  delay?: number;
  /**
   * Pacing of the body.
   * @default undefined (as fast as the socket takes it)
   */
  pace?: Pace;
  /**
   * Stop after this many body bytes: `close` the connection (once flushed) or `stall` forever,
   * leaving the response unfinished while the headers still promise the whole body.
   * @default undefined (the whole body, then the response ends)
   */
  cut?: { after: number; action: 'close' | 'stall' };
  /**
   * Answer any method (the request body is read and ignored), not only GET and HEAD.
   * @default false
   */
  anyMethod?: boolean;
  /**
   * Name sent in `Content-Disposition: attachment; filename="…"` (quotes and line breaks removed).
   * @default none (no Content-Disposition)
   */
  filename?: string;
}

/**
 * Serves a deterministic file with validators (ETag, Last-Modified), conditional requests
 * (If-None-Match, If-Modified-Since → 304), single byte ranges (206/416) and If-Range.
 */
export async function serveFile(ctx: RouteContext, spec: FileSpec): Promise<void> {
  const { req, res, signal } = ctx;
  if (spec.anyMethod === true) req.resume();
  else if (!allowGetHead(res)) return;
  await sleep(spec.delay ?? 0, signal);
  const { contentPath, size } = spec;
  const etag = fileEtag(contentPath, size);
  const modified = fileLastModified(contentPath);
  const validators = { ETag: etag, 'Last-Modified': modified.toUTCString(), 'Accept-Ranges': 'bytes' };
  if (isNotModified(req.headers['if-none-match'], req.headers['if-modified-since'], etag, modified)) {
    res.writeHead(304, validators).end();
    return;
  }
  let range = parseRange(req.headers.range, size);
  if (range.kind !== 'none' && !ifRangeMatches(headerValue(req.headers['if-range']), etag, modified)) {
    range = { kind: 'none' };
  }
  if (range.kind === 'unsatisfiable') {
    sendText(res, 416, 'range not satisfiable', { ...validators, 'Content-Range': `bytes */${size}` });
    return;
  }
  const start = range.kind === 'range' ? range.start : 0;
  const end = range.kind === 'range' ? range.end : size;
  res.writeHead(range.kind === 'range' ? 206 : 200, {
    ...validators,
    'Content-Type': 'application/octet-stream',
    'Content-Length': end - start,
    ...(spec.filename === undefined
      ? {}
      : { 'Content-Disposition': `attachment; filename="${spec.filename}"` }),
    ...(range.kind === 'range' ? { 'Content-Range': `bytes ${start}-${end - 1}/${size}` } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // Headers go out now even if no body byte follows (a stall after 0 bytes).
  res.flushHeaders();
  const cut = spec.cut;
  const stop = cut === undefined ? end : Math.min(end, start + cut.after);
  await writeContent(res, contentPath, start, stop, signal, spec.pace);
  if (cut === undefined) res.end();
  else if (cut.action === 'close') closeAfterFlush(res);
}

/**
 * `/files/<path>?size=N&delay=ms&filename=NAME`: the content of `/files/<path>`; with `filename`, a
 * `Content-Disposition: attachment` header naming it.
 */
export function files(ctx: RouteContext): Promise<void> {
  const filename = ctx.url.searchParams.get('filename')?.replace(/["\r\n\\]/g, '');
  return serveFile(ctx, {
    contentPath: ctx.path,
    size: intParam(ctx.url, 'size', 1024),
    delay: intParam(ctx.url, 'delay', 0),
    ...(filename === undefined ? {} : { filename }),
  });
}

/**
 * `/no-head/<path>?size=N`: like `/files`, but HEAD is refused with 405 (servers that only do GET).
 * Content is `fileContent('/no-head/<path>', N)`.
 */
export function noHead(ctx: RouteContext): Promise<void> {
  if (ctx.req.method === 'HEAD') {
    sendText(ctx.res, 405, 'method not allowed', { Allow: 'GET' });
    return Promise.resolve();
  }
  return files(ctx);
}
