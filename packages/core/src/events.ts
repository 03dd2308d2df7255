import type { Bundle } from './bundle.js';
import type { DroverError } from './errors/drover-error.js';

/** A request is about to start (the bundle holds a concurrency slot). */
export interface AttemptEvent {
  readonly bundle: Bundle;
  /** 1 for the first request. */
  readonly attempt: number;
}

/** Response headers arrived. */
export interface ResponseEvent {
  readonly bundle: Bundle;
  readonly attempt: number;
  readonly status: number;
  /** `Content-Length`, when the server sent one. */
  readonly totalBytes: number | undefined;
}

/** Body bytes arrived. Emitted per chunk, only while someone listens. */
export interface ProgressEvent {
  readonly bundle: Bundle;
  readonly attempt: number;
  /** Bytes received in this attempt. */
  readonly transferredBytes: number;
  /** `Content-Length`, when known. */
  readonly totalBytes: number | undefined;
  /** `transferredBytes / totalBytes` between 0 and 1, when the total is known. */
  readonly percent: number | undefined;
}

/** An attempt failed and another will follow after `delay` ms (the slot is released meanwhile). */
export interface RetryEvent {
  readonly bundle: Bundle;
  readonly attempt: number;
  readonly error: DroverError;
  readonly delay: number;
}

/** The bundle reached a final state: `written`, `cached` or `failed`. */
export interface DoneEvent {
  readonly bundle: Bundle;
}

/** The events of `AioDownload`, for progress displays and logs. */
export interface AioDownloadEvents {
  attempt: [AttemptEvent];
  response: [ResponseEvent];
  progress: [ProgressEvent];
  retry: [RetryEvent];
  done: [DoneEvent];
}
