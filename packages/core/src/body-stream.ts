import type { IncomingMessage } from 'node:http';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { classify } from './classify-error.js';
import { type DroverError, isDroverError } from './errors/drover-error.js';
import { ReadError } from './errors/read-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { TooLargeError } from './errors/too-large-error.js';
import { bodyCause } from './transport/body-cause.js';

/** What the body monitor needs to know about its request. */
export interface BodyStreamOptions {
  readonly url: string;
  readonly method: string;
  /** Longest silence between two chunks, in milliseconds; 0 off. */
  readonly idleTimeout: number;
  /** Fewest bytes per second over a `lowSpeedTime` window; 0 off. */
  readonly lowSpeedLimit: number;
  /** The window of the low-speed guard, in milliseconds; 0 off. */
  readonly lowSpeedTime: number;
  /** Most decoded bytes per wire byte of an encoded body, past {@link RATIO_ALLOWANCE}. */
  readonly maxDecodedRatio: number;
  /** `Content-Length`, when the server sent one: the exact number of bytes on the wire. */
  readonly expectedBytes: number | undefined;
  /** Most bytes delivered (after decoding) before the body fails with `TooLargeError`. */
  readonly maxBytes: number;
  /** `Content-Encoding`, decoded here so files hold the resource's own bytes. */
  readonly contentEncoding: string | undefined;
  /** Called with the running count of bytes received from the network. */
  readonly onBytes: ((receivedBytes: number) => void) | undefined;
}

/** Decoded bytes an encoded body may reach before its expansion ratio is checked. */
export const RATIO_ALLOWANCE = 8 * 1024 * 1024;

/**
 * Counts wire bytes, enforces the idle limit and the low-speed guard, and checks the count against
 * `Content-Length` at the end.
 */
class WireMonitor extends Transform {
  received = 0;
  /** Raised at the end, after every byte already received has been passed on. */
  pendingError: DroverError | undefined;
  private readonly idle: NodeJS.Timeout | undefined;
  private readonly speed: NodeJS.Timeout | undefined;
  /** `received` at the start of the current low-speed window. */
  private windowStart = 0;

  constructor(
    private readonly options: BodyStreamOptions,
    private readonly limit: number,
    private readonly onFailure: (error: DroverError) => void,
  ) {
    super();
    const { idleTimeout, lowSpeedLimit, lowSpeedTime } = options;
    this.idle =
      idleTimeout > 0
        ? setTimeout(() => this.onFailure(new TimeoutError('idle', idleTimeout, options)), idleTimeout)
        : undefined;
    this.speed =
      lowSpeedLimit > 0 && lowSpeedTime > 0 ? setInterval(() => this.checkSpeed(), lowSpeedTime) : undefined;
  }

  private checkSpeed(): void {
    const { lowSpeedLimit, lowSpeedTime } = this.options;
    const bytes = this.received - this.windowStart;
    this.windowStart = this.received;
    if (bytes < (lowSpeedLimit * lowSpeedTime) / 1000) {
      this.onFailure(new TimeoutError('speed', lowSpeedTime, { ...this.options, bytes, lowSpeedLimit }));
    }
  }

  private stopTimers(): void {
    clearTimeout(this.idle);
    clearInterval(this.speed);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.limit) {
      this.onFailure(new TooLargeError(this.options.maxBytes, this.options));
      callback();
      return;
    }
    this.idle?.refresh();
    this.options.onBytes?.(this.received);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.stopTimers();
    const expected = this.options.expectedBytes;
    const error =
      this.pendingError ??
      (expected !== undefined && this.received !== expected
        ? new ReadError(`body ended after ${this.received} of ${expected} bytes`, this.received, this.options)
        : undefined);
    if (error === undefined) {
      callback();
      return;
    }
    // An error destroys the stream and drops what the consumer has not read yet; wait until it has
    // read every byte that arrived (a resumable prefix), then fail. Polling leaves the flow untouched.
    const failWhenDrained = () => {
      if (this.destroyed) return;
      if (this.readableLength === 0) callback(error);
      else setTimeout(failWhenDrained, 5);
    };
    failWhenDrained();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopTimers();
    callback(error);
  }
}

/**
 * Counts decoded bytes, the ones that reach the file, and stops at the size limit and at the
 * decoded-size guard (a gzip bomb).
 */
class Counter extends Transform {
  count = 0;

  constructor(
    private readonly options: BodyStreamOptions,
    private readonly wireBytes: () => number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.count += chunk.length;
    const { maxBytes, maxDecodedRatio } = this.options;
    if (this.count > maxBytes) {
      callback(new TooLargeError(maxBytes, this.options));
    } else if (this.count > RATIO_ALLOWANCE && this.count > maxDecodedRatio * this.wireBytes()) {
      const wire = this.wireBytes();
      const detail = `${this.options.contentEncoding} body expanded to ${this.count} bytes from ${wire} on the wire, more than maxDecodedRatio ${maxDecodedRatio}×`;
      callback(new TooLargeError(maxBytes, { ...this.options, detail }));
    } else {
      callback(null, chunk);
    }
  }
}

function decoderFor(encoding: string | undefined): Transform | undefined | 'unsupported' {
  switch ((encoding ?? 'identity').trim().toLowerCase()) {
    case 'identity':
    case '':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return 'unsupported';
  }
}

/**
 * A response body made safe to hand to a download strategy: it fails with a typed drover error when
 * the connection breaks, goes idle too long, ends short of `Content-Length` or cannot be decoded, and
 * it frees the connection when the consumer gives up.
 */
export class BodyStream {
  /** The stream to read: decoded, verified bytes. */
  readonly stream: Readable;
  /** The first failure of the body itself (not of its consumer), if any. */
  failure: DroverError | undefined;
  private readonly monitor: WireMonitor;
  private readonly counter: Counter | undefined;

  constructor(
    private readonly source: Readable,
    private readonly options: BodyStreamOptions,
  ) {
    const decoder = decoderFor(options.contentEncoding);
    // With a decoder the limit applies to decoded bytes (the Counter), which is what stops a gzip bomb.
    const wireLimit = decoder === undefined ? options.maxBytes : Infinity;
    this.monitor = new WireMonitor(options, wireLimit, (error) => this.fail(error));
    // Failures are reported through `failure` and the consumer's own listeners; these keep an error
    // raised before anyone reads the stream from becoming an uncaught exception.
    this.monitor.on('error', noop);
    source.on('error', (error) =>
      this.endWith(this.readError('connection failed while reading the body', bodyCause(source, error))),
    );
    source.on('close', () => {
      if (!isComplete(source)) {
        this.endWith(this.readError('connection closed before the body ended', bodyCause(source)));
      }
    });
    source.pipe(this.monitor);
    if (decoder === 'unsupported') {
      this.stream = this.monitor;
      this.fail(
        new ReadError(`unsupported Content-Encoding ${options.contentEncoding}`, 0, {
          ...options,
          transient: false,
        }),
      );
    } else if (decoder === undefined) {
      this.stream = this.monitor;
    } else {
      this.counter = new Counter(options, () => this.monitor.received);
      this.counter.on('error', (error) => {
        if (isDroverError(error)) this.fail(error);
      });
      this.monitor.on('error', (error) => this.counter?.destroy(error));
      decoder.on('error', (error) =>
        this.fail(this.readError(`cannot decode ${options.contentEncoding} body`, error, true)),
      );
      this.monitor.pipe(decoder).pipe(this.counter);
      this.counter.on('close', () => decoder.destroy());
      this.stream = this.counter;
    }
    this.stream.on('close', () => {
      // Whoever ends the output (done, failed, or the consumer giving up) ends the wire side too.
      this.monitor.destroy();
      this.releaseSource();
    });
  }

  /** Bytes received from the network so far. */
  get receivedBytes(): number {
    return this.monitor.received;
  }

  /** Bytes delivered to the consumer (after decoding). */
  get deliveredBytes(): number {
    return this.counter?.count ?? this.monitor.received;
  }

  /**
   * The connection broke: pass on what already arrived (a resumable prefix for the file), then fail
   * with `error`.
   */
  private endWith(error: DroverError): void {
    if (this.stream.destroyed || this.failure !== undefined) return;
    this.failure = error;
    this.monitor.pendingError = error;
    this.source.unpipe(this.monitor);
    if (!this.monitor.writableEnded) this.monitor.end();
  }

  /** Stop the body with `error` now, unless the consumer already finished or gave up. */
  fail(error: DroverError): void {
    if (this.stream.destroyed || this.failure !== undefined) return;
    this.failure = error;
    this.monitor.destroy(error);
    this.stream.destroy(error);
    this.releaseSource();
  }

  private releaseSource(): void {
    if (!isComplete(this.source)) this.source.destroy();
  }

  /**
   * A body failure, transient unless the table says its cause is permanent (a protocol violation such
   * as invalid chunked encoding). An undecodable body is always permanent: the server sent those bytes.
   */
  private readError(detail: string, cause?: unknown, decoding = false): ReadError {
    const { code, key, rule } = classify(cause);
    const known = key !== '*';
    const transient = decoding ? false : known ? rule.transient : true;
    // A permanent cause says why: "connection failed while reading the body: invalid chunked encoding: …".
    const why = known && !decoding && !transient ? `: ${rule.meaning}` : '';
    const reason = cause instanceof Error ? `${detail}${why}: ${cause.message}` : detail;
    return new ReadError(reason, this.monitor.received, {
      ...this.options,
      cause,
      causeCode: code,
      transient,
    });
  }
}

function noop(): void {}

function isComplete(source: Readable): boolean {
  const message = source as Partial<IncomingMessage>;
  return typeof message.complete === 'boolean' ? message.complete : source.readableEnded;
}
