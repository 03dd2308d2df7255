import { EventEmitter } from 'node:events';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AxiosInstance } from 'axios';
import { BodyStream } from './body-stream.js';
import type { Bundle } from './bundle.js';
import { classifyRequestError, classifyWriteError, type ErrorContext, unexpected } from './classify-error.js';
import { createClient, type OwnedClient } from './client.js';
import { type DroverError, isDroverError } from './errors/drover-error.js';
import { HttpError } from './errors/http-error.js';
import { InvalidUrlError } from './errors/invalid-url-error.js';
import { PathConflictError } from './errors/path-conflict-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import type { AioDownloadEvents } from './events.js';
import { Limiter } from './limiter.js';
import { PathClaims } from './path-claims.js';
import { DownloadStrategy } from './strategies/download-strategy.js';
import { Lenient } from './strategies/lenient.js';
import type { RequestStrategy, StrategyResponse } from './strategies/request-strategy.js';
import { expectInteger } from './validate.js';

/** Options of {@link AioDownload}. */
export interface AioDownloadOptions {
  /**
   * The axios instance to request with. An injected client is borrowed: `close()` leaves it open.
   * @default a keep-alive client the coordinator owns and closes
   */
  readonly client?: AxiosInstance;
  /** How to request and when to retry. @default new Lenient() */
  readonly requestStrategy?: RequestStrategy;
  /** Where and how to write. @default new DownloadStrategy() */
  readonly downloadStrategy?: DownloadStrategy;
  /**
   * How many input items `each` and `swarm` take ahead of finished ones (bundles waiting out a retry
   * delay do not count, up to 16 times this number).
   * @default max(16, 2 × concurrent)
   */
  readonly lookAhead?: number;
}

/** Methods that may be repeated after they reached the server (RFC 9110 §9.2.2). */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

/** The first bytes of an error response worth reading to keep the connection; larger ones are cut. */
const DRAIN_LIMIT = 64 * 1024;

/**
 * The coordinator: turns bundles into files through a request strategy (how to ask, when to retry)
 * and a download strategy (where and how to write), under the strategy's limits.
 *
 * `main` never rejects because of one bundle: every failure ends up in `bundle.status`/`bundle.error`.
 * Events (`attempt`, `response`, `progress`, `retry`, `done`) feed progress displays.
 *
 * @example
 * const download = new AioDownload({ requestStrategy: new BackOff({ concurrent: 8 }) });
 * const bundle = await download.main(new Bundle('https://example.com/file.zip'));
 * await download.close();
 */
export class AioDownload extends EventEmitter<AioDownloadEvents> {
  /** The axios instance in use. */
  readonly client: AxiosInstance;
  /** The request strategy in use. */
  readonly requestStrategy: RequestStrategy;
  /** The download strategy in use. */
  readonly downloadStrategy: DownloadStrategy;
  /** See {@link AioDownloadOptions.lookAhead}. */
  readonly lookAhead: number;
  private readonly owned: OwnedClient | undefined;
  private readonly limiter: Limiter;
  private readonly claims = new PathClaims();
  private closed = false;

  constructor(options: AioDownloadOptions = {}) {
    super();
    this.owned = options.client === undefined ? createClient() : undefined;
    this.client = options.client ?? (this.owned as OwnedClient).client;
    this.requestStrategy = options.requestStrategy ?? new Lenient();
    this.downloadStrategy = options.downloadStrategy ?? new DownloadStrategy();
    const { concurrent, limitPerHost, minTime } = this.requestStrategy.options;
    const defaultLookAhead = Number.isFinite(concurrent) ? Math.max(16, 2 * concurrent) : 1024;
    this.lookAhead = expectInteger('lookAhead', options.lookAhead ?? defaultLookAhead, 1);
    this.limiter = new Limiter({ concurrent, limitPerHost, minTime });
  }

  /**
   * Fetch one bundle under the coordinator's limits: map its path, skip it when cached, else run the
   * attempt loop. Resolves with the same bundle in a final state; rejects only for programming errors.
   */
  async main<Info>(bundle: Bundle<Info>): Promise<Bundle<Info>> {
    try {
      this.prepare(bundle);
      if (await this.downloadStrategy.isCached(bundle)) {
        bundle.status = 'cached';
        this.emit('done', { bundle });
        return bundle;
      }
    } catch (error) {
      return this.finishFailed(
        bundle,
        isDroverError(error) ? error : unexpected('preparing failed', error, contextOf(bundle)),
      );
    }
    return this.requestAndDownload(bundle);
  }

  /**
   * The attempt loop for one bundle: request, check, write; on failure ask the strategy whether to
   * try again and wait outside any concurrency slot. Makes at most `maxAttempts` requests.
   */
  async requestAndDownload<Info>(bundle: Bundle<Info>): Promise<Bundle<Info>> {
    let origin: string;
    try {
      origin = this.prepare(bundle);
    } catch (error) {
      return this.finishFailed(
        bundle,
        isDroverError(error) ? error : unexpected('preparing failed', error, contextOf(bundle)),
      );
    }
    bundle.status = 'attempted';
    for (;;) {
      const failure = await this.limiter.schedule(origin, () => this.attempt(bundle));
      if (failure === undefined) {
        bundle.status = 'written';
        bundle.error = undefined;
        this.emit('done', { bundle });
        return bundle;
      }
      const delay = this.nextDelay(bundle, failure);
      if (typeof delay !== 'number') return this.finishFailed(bundle, delay.error);
      this.emit('retry', { bundle, attempt: bundle.attempts, error: failure, delay });
      if (delay > 0) await sleep(delay);
    }
  }

  /** Release what the coordinator made: its HTTP agents and limiter timers. Injected parts stay open. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.owned?.close();
    await this.limiter.close();
  }

  /** Check the URL, settle the file path and claim it. Returns the origin. Idempotent. */
  private prepare(bundle: Bundle): string {
    let url: URL;
    try {
      url = new URL(bundle.url);
    } catch (error) {
      throw new InvalidUrlError('not a valid absolute URL', { ...contextOf(bundle), cause: error });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new InvalidUrlError(`unsupported scheme ${url.protocol}`, contextOf(bundle));
    }
    if (bundle.filePath === undefined) {
      bundle.filePath = this.downloadStrategy.getFilePath(bundle);
    } else {
      bundle.filePath = path.resolve(this.downloadStrategy.home, bundle.filePath);
    }
    const owner = this.claims.claim(bundle.filePath, bundle.url);
    if (owner !== undefined) throw new PathConflictError(bundle.filePath, owner, contextOf(bundle));
    return url.origin;
  }

  /** The wait before the next attempt, or the reason there is none. */
  private nextDelay(bundle: Bundle, failure: DroverError): number | { error: DroverError } {
    const strategy = this.requestStrategy;
    if (bundle.attempts >= strategy.options.maxAttempts) return { error: failure };
    const repeatable =
      !failure.requestSent || IDEMPOTENT.has(bundle.method) || strategy.options.retryNonIdempotent;
    if (!repeatable) return { error: failure };
    try {
      if (!strategy.retry(bundle, failure)) return { error: failure };
      const delay = strategy.getSleepTime(bundle, failure);
      return Number.isFinite(delay) && delay > 0 ? delay : 0;
    } catch (error) {
      return { error: unexpected('the request strategy failed', error, contextOf(bundle)) };
    }
  }

  private async finishFailed<Info>(bundle: Bundle<Info>, error: DroverError): Promise<Bundle<Info>> {
    bundle.status = 'failed';
    bundle.error = error;
    try {
      await this.downloadStrategy.onFail(bundle);
    } catch {
      // The bundle already failed; a failing onFail hook must not hide the first error.
    }
    this.emit('done', { bundle });
    return bundle;
  }

  /** One HTTP request and body write. Resolves with the failure, or `undefined` on success; never rejects. */
  private async attempt(bundle: Bundle): Promise<DroverError | undefined> {
    const startedAt = Date.now();
    bundle.attempts += 1;
    const attempt = bundle.attempts;
    const context = contextOf(bundle);
    const { timeout, headersTimeout, idleTimeout, maxRedirects } = this.requestStrategy.options;
    const controller = new AbortController();
    let timedOut: TimeoutError | undefined;
    let body: BodyStream | undefined;
    const expire = (phase: 'headers' | 'total', limit: number) =>
      setTimeout(() => {
        timedOut ??= new TimeoutError(phase, limit, context);
        controller.abort(timedOut);
        body?.fail(timedOut);
      }, limit);
    const totalTimer = expire('total', timeout);
    const headersTimer = expire('headers', Math.min(headersTimeout, timeout));
    let httpStatus: number | undefined;
    let failure: DroverError | undefined;
    try {
      this.emit('attempt', { bundle, attempt });
      const config = this.requestStrategy.requestConfig(bundle);
      let response: StrategyResponse;
      try {
        response = await this.client.request({
          ...config,
          headers: { 'accept-encoding': 'gzip, deflate, br', ...config.headers },
          responseType: 'stream',
          decompress: false,
          validateStatus: null,
          maxRedirects,
          signal: controller.signal,
        });
      } catch (error) {
        throw timedOut ?? classifyRequestError(error, context);
      }
      clearTimeout(headersTimer);
      httpStatus = response.status;
      bundle.httpStatus = response.status;
      const totalBytes = contentLength(response);
      this.emit('response', { bundle, attempt, status: response.status, totalBytes });
      this.check(response, bundle);
      body = this.openBody(response, bundle, attempt, totalBytes, idleTimeout);
      const opened = body;
      if (timedOut !== undefined) opened.fail(timedOut);
      await this.claims.exclusive(bundle.filePath ?? '', () =>
        this.downloadStrategy.onSuccess(response, bundle),
      );
      if (opened.failure !== undefined) throw opened.failure;
      bundle.bytes = opened.deliveredBytes;
    } catch (error) {
      failure = timedOut ?? body?.failure ?? classifyWriteError(error, context);
      bundle.bytes = 0;
    } finally {
      clearTimeout(totalTimer);
      clearTimeout(headersTimer);
    }
    bundle.history.push({
      attempt,
      startedAt,
      duration: Date.now() - startedAt,
      httpStatus,
      bytes: body?.receivedBytes ?? 0,
      error: failure,
    });
    return failure;
  }

  /** Let the strategy judge the response; on refusal discard the body and throw a drover error. */
  private check(response: StrategyResponse, bundle: Bundle): void {
    try {
      this.requestStrategy.assertResponse(response, bundle);
    } catch (error) {
      const length = contentLength(response);
      if (length !== undefined && length <= DRAIN_LIMIT) response.data.resume();
      else response.data.destroy();
      if (isDroverError(error)) throw error;
      const refused = HttpError.fromResponse(response, bundle);
      throw new HttpError(response.status, {
        ...contextOf(bundle),
        cause: error,
        retryAfter: refused.retryAfter,
      });
    }
  }

  private openBody(
    response: StrategyResponse,
    bundle: Bundle,
    attempt: number,
    totalBytes: number | undefined,
    idleTimeout: number,
  ): BodyStream {
    const encoding = response.headers['content-encoding'];
    const listening = this.listenerCount('progress') > 0;
    const body = new BodyStream(response.data, {
      url: bundle.url,
      method: bundle.method,
      idleTimeout,
      expectedBytes: bundle.method === 'HEAD' ? 0 : totalBytes,
      contentEncoding: typeof encoding === 'string' ? encoding : undefined,
      onBytes: listening
        ? (transferredBytes) =>
            this.emit('progress', {
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
}

function contextOf(bundle: Bundle): ErrorContext {
  return { url: bundle.url, method: bundle.method, filePath: bundle.filePath };
}

function contentLength(response: StrategyResponse): number | undefined {
  const value = Number(response.headers['content-length']);
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
