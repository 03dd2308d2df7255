import diagnosticsChannel from 'node:diagnostics_channel';
import type { Readable } from 'node:stream';

/** Where a transport leaves the real reason a body broke, when the body itself only says `aborted`. */
const BODY_CAUSE = Symbol('drover.bodyCause');

type Marked = Readable & { [BODY_CAUSE]?: Error };

/** The error a transport recorded for this body, else `fallback`. */
export function bodyCause(body: Readable, fallback?: unknown): unknown {
  return (body as Marked)[BODY_CAUSE] ?? fallback;
}

const requestErrors = new WeakMap<object, Error>();
const bodies = new WeakMap<object, Readable>();
let watching = false;

/**
 * Node reports a parse error after the response head (invalid chunked encoding) on the request, and
 * the response only sees an `aborted` ECONNRESET; often it happens before axios hands the response
 * over. The `http.client.request.error` channel sees every such error; remember it for the body, so
 * the body is classified by its real code (`HPE_INVALID_CHUNK_SIZE`), as on undici.
 */
export function recordRequestErrors(): void {
  if (watching) return;
  watching = true;
  diagnosticsChannel.subscribe('http.client.request.error', (message) => {
    const { request, error } = message as { request: object; error: Error };
    const body = bodies.get(request);
    if (body === undefined) requestErrors.set(request, error);
    else (body as Marked)[BODY_CAUSE] ??= error;
  });
}

/** Tie `body` to the Node request that carried it, so a later (or earlier) request error reaches it. */
export function watchBody(request: object | undefined, body: Readable): void {
  if (request === undefined) return;
  const early = requestErrors.get(request);
  if (early === undefined) bodies.set(request, body);
  else (body as Marked)[BODY_CAUSE] = early;
}
