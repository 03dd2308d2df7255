import type { AbortError } from './abort-error.js';
import type { ClosedError } from './closed-error.js';
import { type DroverError, type DroverErrorCode, isDroverError } from './drover-error.js';
import type { FileSystemError } from './file-system-error.js';
import type { HttpError } from './http-error.js';
import type { IntegrityError } from './integrity-error.js';
import type { InvalidRequestError } from './invalid-request-error.js';
import type { InvalidUrlError } from './invalid-url-error.js';
import type { NetworkError } from './network-error.js';
import type { PathConflictError } from './path-conflict-error.js';
import type { ReadError } from './read-error.js';
import type { RedirectError } from './redirect-error.js';
import type { ResponseCheckError } from './response-check-error.js';
import type { ServiceError } from './service-error.js';
import type { TimeoutError } from './timeout-error.js';
import type { TooLargeError } from './too-large-error.js';

/**
 * Type guards for every drover error class, by `code` rather than `instanceof`, so they hold when
 * two copies of drover are loaded (another realm, a duplicated install). drover uses them itself.
 */
function guard<E extends DroverError>(code: DroverErrorCode): (value: unknown) => value is E {
  return (value: unknown): value is E => isDroverError(value) && value.code === code;
}

/** Whether `value` is an {@link HttpError} (`ERR_DROVER_HTTP_STATUS`). */
export const isHttpError = guard<HttpError>('ERR_DROVER_HTTP_STATUS');
/** Whether `value` is a {@link NetworkError} (`ERR_DROVER_NETWORK`). */
export const isNetworkError = guard<NetworkError>('ERR_DROVER_NETWORK');
/** Whether `value` is a {@link TimeoutError} (`ERR_DROVER_TIMEOUT`). */
export const isTimeoutError = guard<TimeoutError>('ERR_DROVER_TIMEOUT');
/** Whether `value` is a {@link ReadError} (`ERR_DROVER_READ`). */
export const isReadError = guard<ReadError>('ERR_DROVER_READ');
/** Whether `value` is a {@link RedirectError} (`ERR_DROVER_REDIRECT`). */
export const isRedirectError = guard<RedirectError>('ERR_DROVER_REDIRECT');
/** Whether `value` is a {@link FileSystemError} (`ERR_DROVER_FILE_SYSTEM`). */
export const isFileSystemError = guard<FileSystemError>('ERR_DROVER_FILE_SYSTEM');
/** Whether `value` is a {@link PathConflictError} (`ERR_DROVER_PATH_CONFLICT`). */
export const isPathConflictError = guard<PathConflictError>('ERR_DROVER_PATH_CONFLICT');
/** Whether `value` is an {@link AbortError} (`ERR_DROVER_ABORTED`). */
export const isAbortError = guard<AbortError>('ERR_DROVER_ABORTED');
/** Whether `value` is a {@link ClosedError} (`ERR_DROVER_CLOSED`). */
export const isClosedError = guard<ClosedError>('ERR_DROVER_CLOSED');
/** Whether `value` is an {@link IntegrityError} (`ERR_DROVER_INTEGRITY`). */
export const isIntegrityError = guard<IntegrityError>('ERR_DROVER_INTEGRITY');
/** Whether `value` is a {@link TooLargeError} (`ERR_DROVER_TOO_LARGE`). */
export const isTooLargeError = guard<TooLargeError>('ERR_DROVER_TOO_LARGE');
/** Whether `value` is a {@link ResponseCheckError} (`ERR_DROVER_RESPONSE_CHECK`). */
export const isResponseCheckError = guard<ResponseCheckError>('ERR_DROVER_RESPONSE_CHECK');
/** Whether `value` is a {@link ServiceError} (`ERR_DROVER_SERVICE`). */
export const isServiceError = guard<ServiceError>('ERR_DROVER_SERVICE');
/** Whether `value` is an {@link InvalidUrlError} (`ERR_DROVER_INVALID_URL`). */
export const isInvalidUrlError = guard<InvalidUrlError>('ERR_DROVER_INVALID_URL');
/** Whether `value` is an {@link InvalidRequestError} (`ERR_DROVER_INVALID_REQUEST`). */
export const isInvalidRequestError = guard<InvalidRequestError>('ERR_DROVER_INVALID_REQUEST');
