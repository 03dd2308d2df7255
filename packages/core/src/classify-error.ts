import { isAxiosError } from 'axios';
import { isNetworkError } from 'axios-retry';
import { DroverError, isDroverError } from './errors/drover-error.js';
import { FileSystemError } from './errors/file-system-error.js';
import { InvalidUrlError } from './errors/invalid-url-error.js';
import { NetworkError } from './errors/network-error.js';
import { RedirectError } from './errors/redirect-error.js';

/** Which request an error belongs to. */
export interface ErrorContext {
  readonly url: string;
  readonly method: string;
  readonly filePath?: string | undefined;
}

/** System errors raised before a connection exists, so the server cannot have seen the request. */
const BEFORE_SEND = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
]);

/** undici's errors that mean the request may not have reached the server. */
const UNDICI_BEFORE_SEND = new Set(['UND_ERR_CONNECT_TIMEOUT']);

/** undici's errors about the caller's input rather than the network: never worth a retry. */
const UNDICI_PERMANENT = new Set([
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'UND_ERR_INVALID_RETURN_VALUE',
]);

/** An undici (`UND_ERR_*`) or HTTP parser (`HPE_*`) error code. */
function undiciCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && (code.startsWith('UND_ERR_') || code.startsWith('HPE_'))
    ? code
    : undefined;
}

function systemCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/** Turn an error from the transport (before any response arrived) into a drover error. */
export function classifyRequestError(error: unknown, context: ErrorContext): DroverError {
  if (isDroverError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_FR_')) {
    const reason =
      error instanceof Error && error.cause instanceof Error ? `${message}: ${error.cause.message}` : message;
    return new RedirectError(reason, { ...context, cause: error });
  }
  if (code === 'ERR_INVALID_URL' || code === 'ERR_BAD_REQUEST') {
    return new InvalidUrlError(message, { ...context, cause: error });
  }
  const systemCode = systemCodeOf(error);
  const undiciCode = undiciCodeOf(error);
  const transient = isAxiosError(error)
    ? isNetworkError(error) || systemCode === 'ECONNRESET'
    : systemCode !== undefined || (undiciCode !== undefined && !UNDICI_PERMANENT.has(undiciCode));
  const requestSent =
    systemCode !== undefined
      ? !BEFORE_SEND.has(systemCode)
      : undiciCode === undefined || !UNDICI_BEFORE_SEND.has(undiciCode);
  return new NetworkError(message, { ...context, cause: error, systemCode, transient, requestSent });
}

/** Turn whatever a download strategy threw into a drover error: system errors become `FileSystemError`. */
export function classifyWriteError(error: unknown, context: ErrorContext): DroverError {
  if (isDroverError(error)) return error;
  if (systemCodeOf(error) !== undefined) {
    const path = (error as { path?: unknown }).path;
    return new FileSystemError(typeof path === 'string' ? path : (context.filePath ?? ''), {
      ...context,
      cause: error,
    });
  }
  return unexpected('the download strategy failed', error, context);
}

/** A drover error for a bug or surprise in user code (a strategy that threw). */
export function unexpected(detail: string, error: unknown, context: ErrorContext): DroverError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DroverError('ERR_DROVER_UNEXPECTED', `${detail}: ${reason}`, { ...context, cause: error });
}
