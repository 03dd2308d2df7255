import type { Bundle } from './bundle.js';
import type { ErrorContext } from './classify-error.js';
import { isDroverError } from './errors/drover-error.js';
import { isHttpError } from './errors/guards.js';
import { HttpError } from './errors/http-error.js';
import type { DroverResponse } from './http/response.js';
import type { RequestStrategy } from './strategies/request-strategy.js';

/** Error bodies up to this size are read (the connection stays reusable); larger ones are cut. */
const DRAIN_LIMIT = 64 * 1024;
/** How much of a refused response's body an `HttpError` keeps. */
const EXCERPT_LIMIT = 1024;
/** Longest wait for a small error body; one that stalls is cut then (the connection with it). */
const DRAIN_WAIT = 5_000;

/** `Content-Length` as a number, when the server sent a sane one. */
export function contentLength(response: DroverResponse): number | undefined {
  const raw = response.headers.get('content-length');
  const value = Number(raw);
  return raw !== null && raw !== '' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/**
 * Throw the body away: read a small one to the end (keeping the connection for the next request),
 * destroy a large one. Resolves with its first bytes as text when it was read.
 */
export function discard(response: DroverResponse): Promise<string | undefined> {
  const body = response.body;
  // undici's body raises an AbortError when destroyed unread; nobody else listens to it here.
  body.on('error', () => undefined);
  const length = contentLength(response);
  if (length === undefined || length > DRAIN_LIMIT) {
    body.destroy();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    body.on('data', (chunk: Buffer) => {
      if (kept < EXCERPT_LIMIT) chunks.push(chunk);
      kept += chunk.length;
    });
    const timer = setTimeout(() => body.destroy(), DRAIN_WAIT);
    const done = () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).subarray(0, EXCERPT_LIMIT).toString('utf8'));
    };
    body.once('end', done);
    body.once('close', done);
  });
}

/**
 * Let the strategy judge the response; on refusal discard the body and throw a drover error (an
 * `HttpError` keeps the response's headers and, when read, the first KiB of its body).
 */
export async function judge(
  strategy: RequestStrategy,
  response: DroverResponse,
  bundle: Bundle,
  context: ErrorContext,
): Promise<void> {
  let refusal: unknown;
  try {
    strategy.assertResponse(response, bundle);
    return;
  } catch (error) {
    refusal = error;
  }
  const excerpt = await discard(response);
  if (isDroverError(refusal)) {
    if (isHttpError(refusal)) refusal.bodyExcerpt ??= excerpt;
    throw refusal;
  }
  const refused = HttpError.fromResponse(response, context);
  const error = new HttpError(response.status, {
    ...context,
    cause: refusal,
    headers: response.headers,
    retryAfter: refused.retryAfter,
  });
  error.bodyExcerpt = excerpt;
  throw error;
}
