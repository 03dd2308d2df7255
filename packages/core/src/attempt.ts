import { verdictFor } from './acceptance.js';
import { BodyStream } from './body-stream.js';
import type { Bundle } from './bundle.js';
import { classifyRequestError, classifyWriteError, type ErrorContext, unexpected } from './classify-error.js';
import { publishEnd, publishStart } from './diagnostics.js';
import { AbortError } from './errors/abort-error.js';
import { type DroverError, isDroverError } from './errors/drover-error.js';
import { HttpError } from './errors/http-error.js';
import { ReadError } from './errors/read-error.js';
import { ResponseCheckError } from './errors/response-check-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { TooLargeError } from './errors/too-large-error.js';
import type { AioDownloadEvents } from './events.js';
import { type Hooks, retryNow, runHooks } from './hooks.js';
import type { DroverRequest } from './http/request.js';
import type { DroverResponse } from './http/response.js';
import { contentLength, discard, judge } from './response-handling.js';
import type { DownloadStrategy } from './strategies/download-strategy.js';
import type { RequestStrategy } from './strategies/request-strategy.js';
import type { Transport } from './transport/transport.js';

/** What one attempt needs from its coordinator. */
export interface AttemptDeps {
  readonly transport: Transport;
  readonly requestStrategy: RequestStrategy;
  readonly downloadStrategy: DownloadStrategy;
  emit<K extends keyof AioDownloadEvents>(event: K, ...args: AioDownloadEvents[K]): boolean;
  listens(event: keyof AioDownloadEvents): boolean;
}

/** How an attempt ended. `immediate`: an `afterResponse` hook asked to try again at once. */
export type AttemptOutcome =
  | { readonly kind: 'written' }
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'failed'; readonly error: DroverError; readonly immediate?: boolean };

/** The request's identity, for error messages. */
export function contextOf(bundle: Bundle): ErrorContext {
  return { url: bundle.url, method: bundle.method, filePath: bundle.filePath };
}

/** One attempt's state: its limits, what stopped it, and the body once it is open. */
class AttemptControl {
  readonly controller = new AbortController();
  stopped: DroverError | undefined;
  body: BodyStream | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  stop(error: DroverError): void {
    this.stopped ??= error;
    this.controller.abort(this.stopped);
    this.body?.fail(this.stopped);
  }

  /** A limit of `ms` (0: none) that stops the attempt with `error()`; returns the timer. */
  limit(ms: number, error: () => DroverError): NodeJS.Timeout | undefined {
    if (ms <= 0) return undefined;
    const timer = setTimeout(() => this.stop(error()), ms);
    this.timers.push(timer);
    return timer;
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }
}

/**
 * One HTTP request and body write for a bundle, under its time limits (headers, total; the body
 * guards idle and speed) and the caller's abort signal, with the bundle's hooks. Never rejects:
 * every failure comes back typed in the outcome.
 */
export async function runAttempt(
  deps: AttemptDeps,
  bundle: Bundle,
  signal: AbortSignal | undefined,
  hooks: Hooks | undefined,
): Promise<AttemptOutcome> {
  const startedAt = Date.now();
  bundle.attempts += 1;
  const attempt = bundle.attempts;
  const control = new AttemptControl();
  let context = contextOf(bundle);
  const { timeout, headersTimeout } = deps.requestStrategy.options;
  const onAbort = () => control.stop(new AbortError({ ...context, cause: signal?.reason }));
  signal?.addEventListener('abort', onAbort, { once: true });
  control.limit(timeout, () => new TimeoutError('total', timeout, context));
  // A headers limit no shorter than the total one would fire after it: no timer needed.
  const headersTimer =
    timeout === 0 || headersTimeout < timeout
      ? control.limit(headersTimeout, () => new TimeoutError('headers', headersTimeout, context))
      : undefined;
  let request: DroverRequest | undefined;
  let response: DroverResponse | undefined;
  let outcome: AttemptOutcome;
  try {
    if (signal?.aborted === true) onAbort();
    if (deps.listens('attempt')) deps.emit('attempt', { bundle, attempt });
    const prepared = await prepareRequest(deps, bundle, attempt, control.controller.signal, hooks).catch(
      (error: unknown) => {
        throw isDroverError(error)
          ? error
          : unexpected('the request strategy or a beforeAttempt hook failed', error, context);
      },
    );
    request = prepared.request;
    // Errors name the URL actually requested (a mirror, when the strategy picked one).
    context = { ...context, url: request.url };
    const sent = request;
    publishStart(() => ({ bundle, attempt, request: sent }));
    try {
      if (control.stopped !== undefined) throw control.stopped;
      response = await deps.transport.request({
        request,
        maxRedirects: deps.requestStrategy.options.maxRedirects,
        signal: control.controller.signal,
      });
    } catch (error) {
      throw control.stopped ?? classifyRequestError(error, context);
    }
    clearTimeout(headersTimer);
    bundle.finalUrl = response.url;
    bundle.httpStatus = response.status;
    outcome = await handleResponse(deps, bundle, attempt, { ...prepared, response }, control, context, hooks);
  } catch (error) {
    bundle.bytes = 0;
    const failure = control.stopped ?? control.body?.failure ?? classifyWriteError(error, context);
    outcome = { kind: 'failed', error: failure };
  } finally {
    control.clear();
    signal?.removeEventListener('abort', onAbort);
  }
  bundle.history.push({
    attempt,
    startedAt,
    duration: Date.now() - startedAt,
    httpStatus: response?.status,
    bytes: control.body?.receivedBytes ?? 0,
    error: outcome.kind === 'failed' ? outcome.error : undefined,
  });
  if (request !== undefined) {
    const sent = request;
    const answered = response;
    const error = outcome.kind === 'failed' ? outcome.error : undefined;
    publishEnd(() => ({ bundle, attempt, request: sent, response: answered, error }));
  }
  return outcome;
}

/** The request the strategy asks for, drover's headers merged in, after `beforeAttempt` hooks. */
async function prepareRequest(
  deps: AttemptDeps,
  bundle: Bundle,
  attempt: number,
  signal: AbortSignal,
  hooks: Hooks | undefined,
): Promise<{ request: DroverRequest; extra: Record<string, string>; callerHeaders: ReadonlySet<string> }> {
  const asked = deps.requestStrategy.request(bundle);
  const extra = await deps.downloadStrategy.requestHeaders(bundle);
  const request: DroverRequest = {
    url: String(asked.url),
    method: asked.method.toUpperCase(),
    headers: { 'accept-encoding': 'gzip, deflate, br', ...asked.headers, ...extra },
    body: asked.body,
  };
  await runHooks(hooks?.beforeAttempt, { bundle, attempt, signal, request });
  request.method = request.method.toUpperCase();
  const callerHeaders = new Set(
    Object.keys(request.headers)
      .map((name) => name.toLowerCase())
      .filter((name) => !(name in extra)),
  );
  return { request, extra, callerHeaders };
}

interface Exchange {
  readonly request: DroverRequest;
  readonly response: DroverResponse;
  /** The headers the download strategy added (resume, revalidation). */
  readonly extra: Record<string, string>;
  /** Names of the headers the caller sent, lower case. */
  readonly callerHeaders: ReadonlySet<string>;
}

/** Judge the response and hand its guarded body to the download strategy. */
async function handleResponse(
  deps: AttemptDeps,
  bundle: Bundle,
  attempt: number,
  exchange: Exchange,
  control: AttemptControl,
  context: ErrorContext,
  hooks: Hooks | undefined,
): Promise<AttemptOutcome> {
  const { request, response, extra } = exchange;
  const totalBytes = contentLength(response);
  if (deps.listens('response')) {
    deps.emit('response', { bundle, attempt, status: response.status, totalBytes });
  }
  const state = { bundle, attempt, signal: control.controller.signal, request, response };
  const again = await runHooks(hooks?.afterResponse, state, retryNow).catch((error: unknown) => {
    void discard(response);
    throw isDroverError(error) ? error : unexpected('an afterResponse hook failed', error, context);
  });
  if (again) {
    void discard(response);
    const error = new HttpError(response.status, {
      ...context,
      headers: response.headers,
      detail: `answered ${response.status}; an afterResponse hook asked for another attempt`,
    });
    return { kind: 'failed', error, immediate: true };
  }
  const ranged = extra.range !== undefined;
  const verdict = await verdictFor(
    response.status,
    response.headers.get('location'),
    {
      resume: ranged,
      revalidate: extra['if-modified-since'] !== undefined || extra['if-none-match'] !== undefined,
      callerHeaders: exchange.callerHeaders,
      maxRedirects: deps.requestStrategy.options.maxRedirects,
      filePath: bundle.filePath,
    },
    context,
  ).catch((error: unknown) => {
    void discard(response);
    throw error;
  });
  if (verdict === 'not-modified') {
    void discard(response);
    return { kind: 'not-modified' };
  }
  if (ranged && response.status === 416) {
    void discard(response);
    await deps.downloadStrategy.discardPartial(bundle);
    throw new ReadError('the server refused to resume (416); the next attempt starts over', 0, context);
  }
  await judge(deps.requestStrategy, response, bundle, context);
  const { maxContentLength } = deps.requestStrategy.options;
  if (totalBytes !== undefined && totalBytes > maxContentLength) {
    void discard(response);
    throw new TooLargeError(maxContentLength, context);
  }
  const body = openBody(deps, response, bundle, attempt, request.method === 'HEAD' ? 0 : totalBytes);
  control.body = body;
  if (control.stopped !== undefined) body.fail(control.stopped);
  await evaluate(deps.requestStrategy, response, bundle, context);
  // The bundle owns its path (PathClaims): no other bundle writes it meanwhile.
  await deps.downloadStrategy.onSuccess(response, bundle);
  if (body.failure !== undefined) throw body.failure;
  // The file's size: a resumed body was appended to the bytes kept from earlier attempts.
  bundle.bytes = (response.status === 206 && ranged ? rangeStart(extra.range) : 0) + body.deliveredBytes;
  return { kind: 'written' };
}

/** The strategy's `evaluateResponse`: a refusal is a transient `ResponseCheckError`. */
async function evaluate(
  strategy: RequestStrategy,
  response: DroverResponse,
  bundle: Bundle,
  context: ErrorContext,
): Promise<void> {
  const check = strategy.options.evaluateResponse;
  if (check === undefined) return;
  const verdict = await check(response, bundle);
  if (verdict === true) return;
  response.body.destroy();
  const detail = typeof verdict === 'string' ? verdict : 'evaluateResponse refused the response';
  throw new ResponseCheckError(detail, context);
}

function openBody(
  deps: AttemptDeps,
  response: DroverResponse,
  bundle: Bundle,
  attempt: number,
  expectedBytes: number | undefined,
): BodyStream {
  const totalBytes = contentLength(response);
  const { idleTimeout, lowSpeedLimit, lowSpeedTime, maxContentLength, maxDecodedRatio } =
    deps.requestStrategy.options;
  const body = new BodyStream(response.body, {
    url: bundle.url,
    method: bundle.method,
    idleTimeout,
    lowSpeedLimit,
    lowSpeedTime,
    maxDecodedRatio,
    maxBytes: maxContentLength,
    expectedBytes,
    contentEncoding: response.headers.get('content-encoding') ?? undefined,
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
  response.body = body.stream;
  return body;
}

/** The first byte of drover's own `Range: bytes=N-`. */
function rangeStart(range: string | undefined): number {
  const match = /^bytes=(\d+)-$/.exec(range ?? '');
  return match === null ? 0 : Number(match[1]);
}
