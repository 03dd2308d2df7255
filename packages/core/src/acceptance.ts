import { stat } from 'node:fs/promises';
import type { ErrorContext } from './classify-error.js';
import { HttpError } from './errors/http-error.js';
import { RedirectError } from './errors/redirect-error.js';

/** What was asked for in one request, which decides which answers may become a file. */
export interface Asked {
  /** drover's own `Range` (a resume); the body is appended to the `.part` file. */
  readonly resume: boolean;
  /** drover's own `If-Modified-Since` / `If-None-Match` (revalidation of its own file). */
  readonly revalidate: boolean;
  /** Names of the headers the caller (bundle or strategy) sent, lower case. */
  readonly callerHeaders: ReadonlySet<string>;
  /** Redirects the transport was allowed to follow. */
  readonly maxRedirects: number;
  /** The file a 304 would keep, if any. */
  readonly filePath: string | undefined;
}

/** How an answer is handled: its body written, the file kept as it is, or the strategy asked. */
export type Verdict = 'body' | 'not-modified' | 'judge';

const CONDITIONAL = ['if-none-match', 'if-modified-since'];

/**
 * Rule 10: a response is written only when it is the success drover asked for. Decided here, below
 * any strategy, so no override can turn a redirect or an empty 304 into a file:
 *
 * - a 3xx other than 304 was not followed (`maxRedirects: 0`, or no `Location`): `RedirectError`;
 * - 304 to drover's own revalidation keeps the file; 304 to the caller's own validators keeps an
 *   existing file (the bundle ends `cached`) and fails with a permanent `HttpError` when there is
 *   none; a 304 nobody asked for is a permanent `HttpError`;
 * - 206 only for a `Range` drover (resume) or the caller sent; otherwise a permanent `HttpError`;
 * - everything else (2xx, 4xx, 5xx) goes to the strategy's `assertResponse`.
 */
export async function verdictFor(
  status: number,
  location: unknown,
  asked: Asked,
  context: ErrorContext,
): Promise<Verdict> {
  if (status === 304) return notModified(asked, context);
  if (status >= 300 && status < 400) {
    const target = typeof location === 'string' && location !== '' ? location : undefined;
    const why =
      target === undefined
        ? `answered ${status} without a Location header`
        : `answered ${status} to ${target}, not followed (maxRedirects ${asked.maxRedirects})`;
    throw new RedirectError(`${why}; a redirect is never written as the file`, context);
  }
  if (status === 206 && !asked.resume && !asked.callerHeaders.has('range')) {
    throw new HttpError(206, {
      ...context,
      transient: false,
      permanent: true,
      detail: 'answered 206 Partial Content to a request without Range',
    });
  }
  return 'judge';
}

async function notModified(asked: Asked, context: ErrorContext): Promise<Verdict> {
  if (asked.revalidate) return 'not-modified';
  const conditional = CONDITIONAL.some((name) => asked.callerHeaders.has(name));
  if (conditional && asked.filePath !== undefined) {
    const found = await stat(asked.filePath).catch(() => undefined);
    if (found?.isFile() === true) return 'not-modified';
  }
  const detail = conditional
    ? `answered 304 Not Modified to the caller's validators, and there is no file at ${asked.filePath ?? '(no path)'} to keep`
    : 'answered 304 Not Modified to a request that was not conditional';
  throw new HttpError(304, { ...context, transient: false, permanent: true, detail });
}
