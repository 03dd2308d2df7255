export { AioDownload } from './aio-download.js';
export type { AioDownloadOptions, RunOptions } from './aio-download-options.js';
export {
  type BundleLike,
  type CallOptions,
  type EachOptions,
  each,
  type Items,
  one,
  swarm,
  type UrlMap,
} from './api.js';
export {
  type AttemptRecord,
  Bundle,
  type BundleOptions,
  type BundleStatus,
  type Checksum,
} from './bundle.js';
export { type CooldownStore, Cooldowns } from './cooldowns.js';
export {
  REQUEST_END_CHANNEL,
  REQUEST_START_CHANNEL,
  type RequestEndMessage,
  type RequestStartMessage,
} from './diagnostics.js';
export { AbortError } from './errors/abort-error.js';
export { ClosedError } from './errors/closed-error.js';
export {
  DroverError,
  type DroverErrorCode,
  type DroverErrorOptions,
  isDroverError,
} from './errors/drover-error.js';
export {
  ERROR_CODES,
  type ErrorCodeClass,
  type ErrorCodeRule,
  type ErrorCodeSource,
  errorCodeRule,
} from './errors/error-codes.js';
export { FileSystemError } from './errors/file-system-error.js';
export {
  isAbortError,
  isClosedError,
  isFileSystemError,
  isHttpError,
  isIntegrityError,
  isInvalidRequestError,
  isInvalidUrlError,
  isNetworkError,
  isPathConflictError,
  isReadError,
  isRedirectError,
  isResponseCheckError,
  isServiceError,
  isTimeoutError,
  isTooLargeError,
} from './errors/guards.js';
export { HttpError } from './errors/http-error.js';
export { IntegrityError } from './errors/integrity-error.js';
export { InvalidRequestError } from './errors/invalid-request-error.js';
export { InvalidUrlError } from './errors/invalid-url-error.js';
export { NetworkError } from './errors/network-error.js';
export { PathConflictError } from './errors/path-conflict-error.js';
export { ReadError } from './errors/read-error.js';
export { RedirectError } from './errors/redirect-error.js';
export { ResponseCheckError } from './errors/response-check-error.js';
export { ServiceError } from './errors/service-error.js';
export { TimeoutError, type TimeoutPhase } from './errors/timeout-error.js';
export { TooLargeError } from './errors/too-large-error.js';
export type {
  AioDownloadEvents,
  AttemptEvent,
  DoneEvent,
  ProgressEvent,
  ResponseEvent,
  RetryEvent,
} from './events.js';
export {
  type AfterResponseState,
  type BeforeAttemptState,
  type BeforeRetryState,
  type DoneState,
  type HookState,
  type Hooks,
  retryNow,
  stopRetrying,
} from './hooks.js';
export { DroverHeaders, type RawHeaders } from './http/headers.js';
export { readBody } from './http/read-body.js';
export type { DroverRequest, RequestBody } from './http/request.js';
export type { DroverResponse } from './http/response.js';
export type { CloseOptions } from './lifecycle.js';
export { Limiter, type LimiterOptions, type SlotLimiter } from './limiter.js';
export { makeFolder } from './make-folder.js';
export { redactUrl } from './redact-url.js';
export { checkDownloads, UNKNOWN_SIZE } from './retriever/check-downloads.js';
export { type RetrieverDefaults, retrieverDefaults } from './retriever/defaults.js';
export { type DownloadOptions, download } from './retriever/download-files.js';
export {
  type CheckedResponse,
  MemoryStrategy,
  type ResponseCheck,
  type ReturnType,
  type ReturnTypes,
} from './retriever/memory-strategy.js';
export type { CommonOptions, RequestOptions } from './retriever/options.js';
export {
  type RetrieveOptions,
  type RetrieveResult,
  retrieve,
  retrieveResults,
} from './retriever/retrieve.js';
export { type UniqueFilenameOptions, uniqueFilename } from './retriever/unique-filename.js';
export { parseRetryAfter } from './retry-after.js';
export { BackOff, type BackOffOptions } from './strategies/back-off.js';
export {
  DownloadStrategy,
  type DownloadStrategyOptions,
  type NormalizedDownloadStrategyOptions,
  PART_SUFFIX,
} from './strategies/download-strategy.js';
export { Fibonacci } from './strategies/fibonacci.js';
export { Fixed } from './strategies/fixed.js';
export { Jitter } from './strategies/jitter.js';
export { Lenient } from './strategies/lenient.js';
export { ListDelays, type ListDelaysOptions } from './strategies/list-delays.js';
export { RandomDelay, type RandomDelayOptions } from './strategies/random-delay.js';
export {
  type NormalizedRequestStrategyOptions,
  type RequestChange,
  RequestStrategy,
  type RequestStrategyOptions,
  type ResponseEvaluator,
} from './strategies/request-strategy.js';
export type { DroverErrorClass, RetryableFailure } from './strategies/retry-rules.js';
export type { TransportName } from './transport/transport.js';
export { INDEX_NAME, resolveInside, urlToRelativePath } from './url-path.js';
export { expectBoolean, expectInteger, expectNumber } from './validate.js';
// Not exported: PathClaims, BodyStream, runAttempt, the error classifiers and the
// parsers behind `statuses`/`exceptions` (strategies/retry-rules.ts) are internals; their shape may
// change without notice.
