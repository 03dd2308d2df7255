export { AioDownload, type AioDownloadOptions } from './aio-download.js';
export { type BundleLike, each, type Items, one, swarm } from './api.js';
export { type AttemptRecord, Bundle, type BundleOptions, type BundleStatus } from './bundle.js';
export {
  DroverError,
  type DroverErrorCode,
  type DroverErrorOptions,
  isDroverError,
} from './errors/drover-error.js';
export { FileSystemError } from './errors/file-system-error.js';
export { HttpError } from './errors/http-error.js';
export { InvalidUrlError } from './errors/invalid-url-error.js';
export { NetworkError } from './errors/network-error.js';
export { PathConflictError } from './errors/path-conflict-error.js';
export { ReadError } from './errors/read-error.js';
export { RedirectError } from './errors/redirect-error.js';
export { TimeoutError, type TimeoutPhase } from './errors/timeout-error.js';
export type {
  AioDownloadEvents,
  AttemptEvent,
  DoneEvent,
  ProgressEvent,
  ResponseEvent,
  RetryEvent,
} from './events.js';
export { parseRetryAfter } from './retry-after.js';
export { BackOff, type BackOffOptions } from './strategies/back-off.js';
export {
  DownloadStrategy,
  type DownloadStrategyOptions,
  type NormalizedDownloadStrategyOptions,
  PART_SUFFIX,
} from './strategies/download-strategy.js';
export { Jitter } from './strategies/jitter.js';
export { Lenient } from './strategies/lenient.js';
export {
  type NormalizedRequestStrategyOptions,
  RequestStrategy,
  type RequestStrategyOptions,
  type StrategyResponse,
} from './strategies/request-strategy.js';
export { INDEX_NAME, resolveInside, urlToRelativePath } from './url-path.js';
// Not exported: Limiter, PathClaims, BodyStream and the error classifiers are the coordinator's
// internals; their shape may change without notice.
