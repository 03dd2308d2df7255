import { verdictFor } from './acceptance.js';
import { BodyStream } from './body-stream.js';
import type { Bundle } from './bundle.js';
import { classifyRequestError, classifyWriteError, type ErrorContext } from './classify-error.js';
import { AbortError } from './errors/abort-error.js';
import { type DroverError, isDroverError } from './errors/drover-error.js';
import { HttpError } from './errors/http-error.js';
import { ReadError } from './errors/read-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { TooLargeError } from './errors/too-large-error.js';
import type { AioDownloadEvents } from './events.js';
import type { DownloadStrategy } from './strategies/download-strategy.js';
import type { RequestStrategy, StrategyResponse } from './strategies/request-strategy.js';
import { flattenHeaders } from './transport/flatten-headers.js';
import type { Transport } from './transport/transport.js';

/** What one attempt needs from its coordinator. */
export interface AttemptDeps {
  readonly transport: Transport;
  readonly requestStrategy: RequestStrategy;
  readonly downloadStrategy: DownloadStrategy;
  emit<K extends keyof AioDownloadEvents>(event: K, ...args: AioDownloadEvents[K]): boolean;
  listens(event: keyof AioDownloadEvents): boolean;
}

/** How an attempt ended. */
export type AttemptOutcome =
  | { readonly kind: 'written' }
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'failed'; readonly error: DroverError };

/** The first bytes of an error response worth reading to keep the connection; larger ones are cut. */
const DRAIN_LIMIT = 64 * 1024;

/** The request's identity, for error messages. */
export function contextOf(bundle: Bundle): ErrorContext {
  return { url: bundle.url, method: bundle.method, filePath: bundle.filePath };
}

function contentLength(response: StrategyResponse): number | undefined {
  const value = Number(response.headers['content-length']);
  return response.headers['content-length'] !== undefined && Number.isSafeInteger(value) && value >= 0
    ? value
    : undefined;
}

function discard(response: StrategyResponse): void {
  // undici's body raises an AbortError when destroyed unread; nobody else listens to it here.
  response.data.on('error', () => undefined);
  const length = contentLength(response);
  if (length !== undefined && length <= DRAIN_LIMIT) response.data.resume();
  else response.data.destroy();
}

/**
 * One HTTP request and body write for a bundle, under three time limits (headers, idle, total) and
 * the caller's abort signal. Never rejects: every failure comes back typed in the outcome.
 */
export async function runAttempt(
  deps: AttemptDeps,
  bundle: Bundle,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  const startedAt = Date.now();
  bundle.attempts += 1;
  const attempt = bundle.attempts;
  let context = contextOf(bundle);
  const { timeout, headersTimeout, maxRedirects, maxContentLength } = deps.requestStrategy.options;
  const controller = new AbortController();
  let stopped: DroverError | undefined;
  let body: BodyStream | undefined;
  const stop = (error: DroverError) => {
    stopped ??= error;
    controller.abort(stopped);
    body?.fail(stopped);
  };
  const onAbort = () => stop(new AbortError({ ...context, cause: signal?.reason }));
  signal?.addEventListener('abort', onAbort, { once: true });
  // 0 means off. A headers limit no shorter than the total one would fire after it: no timer needed.
  const totalTimer =
    timeout > 0 ? setTimeout(() => stop(new TimeoutError('total', timeout, context)), timeout) : undefined;
  const headersTimer =
    headersTimeout > 0 && (timeout === 0 || headersTimeout < timeout)
      ? setTimeout(() => stop(new TimeoutError('headers', headersTimeout, context)), headersTimeout)
      : undefined;
  let httpStatus: number | undefined;
  let outcome: AttemptOutcome;
  try {
    if (signal?.aborted === true) onAbort();
    if (deps.listens('attempt')) deps.emit('attempt', { bundle, attempt });
    const config = deps.requestStrategy.requestConfig(bundle);
    // Errors name the URL actually requested (a mirror, when the strategy picked one).
    context = { ...context, url: String(config.url ?? bundle.url) };
    const extra = await deps.downloadStrategy.requestHeaders(bundle);
    const ranged = extra.range !== undefined;
    const callerHeaders = flattenHeaders(config.headers);
    let response: StrategyResponse;
    try {
      if (stopped !== undefined) throw stopped;
      const answer = await deps.transport.request({
        config,
        url: context.url,
        headers: {
          'accept-encoding': 'gzip, deflate, br',
          ...callerHeaders,
          ...extra,
        },
        maxRedirects,
        signal: controller.signal,
      });
      response = answer.response;
      bundle.finalUrl = answer.finalUrl;
    } catch (error) {
      throw stopped ?? classifyRequestError(error, context);
    }
    clearTimeout(headersTimer);
    httpStatus = response.status;
    bundle.httpStatus = response.status;
    const totalBytes = contentLength(response);
    if (deps.listens('response')) {
      deps.emit('response', { bundle, attempt, status: response.status, totalBytes });
    }
    const verdict = await verdictFor(
      response.status,
      response.headers.location,
      {
        resume: ranged,
        revalidate: extra['if-modified-since'] !== undefined || extra['if-none-match'] !== undefined,
        callerHeaders: new Set(Object.keys(callerHeaders).map((name) => name.toLowerCase())),
        maxRedirects,
        filePath: bundle.filePath,
      },
      context,
    ).catch((error: unknown) => {
      discard(response);
      throw error;
    });
    if (verdict === 'not-modified') {
      discard(response);
      outcome = { kind: 'not-modified' };
    } else {
      if (ranged && response.status === 416) {
        discard(response);
        await deps.downloadStrategy.discardPartial(bundle);
        throw new ReadError('the server refused to resume (416); the next attempt starts over', 0, context);
      }
      judge(deps.requestStrategy, response, bundle, context);
      if (totalBytes !== undefined && totalBytes > maxContentLength) {
        discard(response);
        throw new TooLargeError(maxContentLength, context);
      }
      body = openBody(deps, response, bundle, attempt, totalBytes);
      const opened = body;
      if (stopped !== undefined) opened.fail(stopped);
      // The bundle owns its path (PathClaims): no other bundle writes it meanwhile.
      await deps.downloadStrategy.onSuccess(response, bundle);
      if (opened.failure !== undefined) throw opened.failure;
      // The file's size: a resumed body was appended to the bytes kept from earlier attempts.
      bundle.bytes =
        (response.status === 206 && ranged ? rangeStart(extra.range) : 0) + opened.deliveredBytes;
      outcome = { kind: 'written' };
    }
  } catch (error) {
    bundle.bytes = 0;
    outcome = { kind: 'failed', error: stopped ?? body?.failure ?? classifyWriteError(error, context) };
  } finally {
    clearTimeout(totalTimer);
    clearTimeout(headersTimer);
    signal?.removeEventListener('abort', onAbort);
  }
  bundle.history.push({
    attempt,
    startedAt,
    duration: Date.now() - startedAt,
    httpStatus,
    bytes: body?.receivedBytes ?? 0,
    error: outcome.kind === 'failed' ? outcome.error : undefined,
  });
  return outcome;
}

/** Let the strategy judge the response; on refusal discard the body and throw a drover error. */
function judge(
  strategy: RequestStrategy,
  response: StrategyResponse,
  bundle: Bundle,
  context: ErrorContext,
): void {
  try {
    strategy.assertResponse(response, bundle);
  } catch (error) {
    discard(response);
    if (isDroverError(error)) throw error;
    const refused = HttpError.fromResponse(response, context);
    throw new HttpError(response.status, {
      ...context,
      cause: error,
      retryAfter: refused.retryAfter,
    });
  }
}

function openBody(
  deps: AttemptDeps,
  response: StrategyResponse,
  bundle: Bundle,
  attempt: number,
  totalBytes: number | undefined,
): BodyStream {
  const { idleTimeout, lowSpeedLimit, lowSpeedTime, maxContentLength, maxDecodedRatio } =
    deps.requestStrategy.options;
  const encoding = response.headers['content-encoding'];
  const body = new BodyStream(response.data, {
    url: bundle.url,
    method: bundle.method,
    idleTimeout,
    lowSpeedLimit,
    lowSpeedTime,
    maxDecodedRatio,
    maxBytes: maxContentLength,
    expectedBytes: bundle.method === 'HEAD' ? 0 : totalBytes,
    contentEncoding: typeof encoding === 'string' ? encoding : undefined,
    onBytes: deps.listens('progress')
      ? (transferredBytes) =>
          deps.emit('progress', {
            bundle,
            attempt,
            transferredBytes,
            totalBytes,
            percent: totalBytes ? Math.min(1, transferredBytes / totalBytes) : undefined,
          })
      : undefined,
  });
  response.data = body.stream;
  return body;
}

/** The first byte of drover's own `Range: bytes=N-`. */
function rangeStart(range: string | undefined): number {
  const match = /^bytes=(\d+)-$/.exec(range ?? '');
  return match === null ? 0 : Number(match[1]);
}
