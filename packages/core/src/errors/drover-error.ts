import { redactUrl } from '../redact-url.js';

/**
 * Every machine-readable code a {@link DroverError} can carry. Codes are stable across releases;
 * messages are not.
 */
export type DroverErrorCode =
  | 'ERR_DROVER_INVALID_URL'
  | 'ERR_DROVER_INVALID_REQUEST'
  | 'ERR_DROVER_NETWORK'
  | 'ERR_DROVER_TIMEOUT'
  | 'ERR_DROVER_HTTP_STATUS'
  | 'ERR_DROVER_READ'
  | 'ERR_DROVER_REDIRECT'
  | 'ERR_DROVER_FILE_SYSTEM'
  | 'ERR_DROVER_PATH_CONFLICT'
  | 'ERR_DROVER_ABORTED'
  | 'ERR_DROVER_CLOSED'
  | 'ERR_DROVER_INTEGRITY'
  | 'ERR_DROVER_TOO_LARGE'
  | 'ERR_DROVER_RESPONSE_CHECK'
  | 'ERR_DROVER_SERVICE'
  | 'ERR_DROVER_UNEXPECTED';

/** What every drover error is built from. */
export interface DroverErrorOptions {
  /** The URL of the bundle that failed (its password is masked in the error, see `redactUrl`). */
  readonly url: string;
  /** The HTTP method of the request. @default 'GET' */
  readonly method?: string | undefined;
  /** The underlying error (an AxiosError, a Node system error, ...). */
  readonly cause?: unknown;
  /**
   * Whether the request may have reached the server. `false` means it failed before any byte
   * was sent (connection refused, DNS failure, invalid URL), so repeating it is always safe.
   * @default true
   */
  readonly requestSent?: boolean | undefined;
  /**
   * Whether the failure is likely to go away on its own (network trouble, timeouts, 5xx, 429).
   * Retrying strategies such as `BackOff` retry only transient failures.
   * @default false
   */
  readonly transient?: boolean | undefined;
  /**
   * Whether asking again cannot help (an unknown host, a certificate that fails verification, a
   * protocol violation, a redirect that was not followed, a closed coordinator). The coordinator never
   * retries a permanent failure, whatever the strategy says.
   * @default `!transient` (an `HttpError`, `IntegrityError`, `FileSystemError` or `ResponseCheckError`
   * is permanent only when built so: a strategy such as `Lenient` may choose to retry a 403)
   */
  readonly permanent?: boolean | undefined;
}

/** Codes whose failures a strategy may retry although they are not transient (its own policy). */
const STATUS_LIKE = new Set<string>([
  'ERR_DROVER_HTTP_STATUS',
  'ERR_DROVER_INTEGRITY',
  'ERR_DROVER_FILE_SYSTEM',
  'ERR_DROVER_RESPONSE_CHECK',
  'ERR_DROVER_UNEXPECTED',
]);

/**
 * The root of drover's error family. Every failed bundle's `error` is one of these.
 * The message always names the method and URL: `GET http://host/path: <what happened>`. A password
 * in the URL is masked in both (`http://alice:***@host/path`), so errors can be logged as they are.
 */
export class DroverError extends Error {
  /** A stable, machine-readable code. */
  readonly code: DroverErrorCode;
  /** The URL that failed, its password masked (`redactUrl`). */
  readonly url: string;
  /** The HTTP method used. */
  readonly method: string;
  /** See {@link DroverErrorOptions.requestSent}. */
  readonly requestSent: boolean;
  /** See {@link DroverErrorOptions.transient}. */
  readonly transient: boolean;
  /** See {@link DroverErrorOptions.permanent}. */
  readonly permanent: boolean;

  constructor(code: DroverErrorCode, detail: string, options: DroverErrorOptions) {
    const method = (options.method ?? 'GET').toUpperCase();
    const url = redactUrl(options.url);
    super(`${method} ${url}: ${detail}`, options.cause === undefined ? {} : { cause: options.cause });
    this.name = 'DroverError';
    this.code = code;
    this.url = url;
    this.method = method;
    this.requestSent = options.requestSent ?? true;
    this.transient = options.transient ?? false;
    this.permanent = options.permanent ?? (!this.transient && !STATUS_LIKE.has(code));
  }
}

/**
 * Whether `value` is a drover error. Use it instead of `instanceof`, which fails when two copies
 * of drover are loaded (different realms or duplicated installs).
 */
export function isDroverError(value: unknown): value is DroverError {
  return (
    value instanceof DroverError ||
    (value instanceof Error && String((value as Error & { code?: unknown }).code).startsWith('ERR_DROVER_'))
  );
}
