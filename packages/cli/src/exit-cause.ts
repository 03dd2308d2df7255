import { EXIT, type ExitCode } from './exit-codes.js';

/**
 * What the exit code is read from: a drover error (a bundle's `error`, whose `cause` chain tells a
 * TLS failure from other network failures), or the `{ code, message }` of a record or queue result.
 */
export interface FailureLike {
  readonly code: string;
  /** The URL that failed (a drover error's): an `EPROTO` on an https URL is a TLS failure. */
  readonly url?: unknown;
  /** An `HttpError`'s or `ServiceError`'s status. */
  readonly status?: unknown;
  readonly cause?: unknown;
}

/** The error codes whose cause does not depend on anything else. */
const BY_CODE: Readonly<Record<string, ExitCode>> = {
  ERR_DROVER_FILE_SYSTEM: EXIT.io,
  ERR_DROVER_TIMEOUT: EXIT.network,
  ERR_DROVER_READ: EXIT.network,
  ERR_DROVER_REDIRECT: EXIT.protocol,
  ERR_DROVER_TOO_LARGE: EXIT.protocol,
  ERR_DROVER_RESPONSE_CHECK: EXIT.protocol,
  /** `fetch --as json` got a body that is not JSON. */
  ERR_DROVER_CLI_JSON: EXIT.protocol,
  ERR_DROVER_INTEGRITY: EXIT.checksum,
  ERR_DROVER_ABORTED: EXIT.interrupted,
};

/** Statuses that ask for credentials: the server's (401) and a proxy's (407). */
const AUTH_STATUSES = new Set([401, 407]);

/**
 * The codes Node gives TLS failures: OpenSSL's certificate verification results (X509_V_ERR_*
 * without the prefix) and Node's own `ERR_TLS_*` / OpenSSL's `ERR_SSL_*`.
 */
const TLS_CODES = new Set([
  'CERT_CHAIN_TOO_LONG',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function isTlsCode(code: unknown): boolean {
  return typeof code === 'string' && (TLS_CODES.has(code) || /^ERR_(TLS|SSL)_/.test(code));
}

/** Whether a network error's `cause` chain holds a TLS failure (a few levels: transports wrap). */
function isTls(error: FailureLike): boolean {
  // Node's https module reports a failed handshake as a bare EPROTO (undici as ERR_SSL_*).
  const https = typeof error.url === 'string' && error.url.startsWith('https:');
  let current: unknown = error.cause;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code } = current as { code?: unknown };
    if (isTlsCode(code) || (https && code === 'EPROTO')) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function isFailureLike(value: unknown): value is FailureLike {
  return typeof value === 'object' && value !== null && typeof (value as FailureLike).code === 'string';
}

/**
 * The exit code one failed item stands for, from its error's `code` (and the HTTP status for
 * `ERR_DROVER_HTTP_STATUS`): 3 file system, 4 network, 5 TLS, 6 auth (401, 407), 7 protocol,
 * 8 server error, 9 checksum, 130 interrupted, 1 anything else. A record without its error's
 * `cause` (a queue result) cannot tell TLS from other network failures: 4.
 * @param httpStatus the item's last HTTP status, when the error does not carry one.
 * @example exitCodeOf(bundle.error, bundle.httpStatus) // 8 for a 404
 */
export function exitCodeOf(
  error: FailureLike | null | undefined,
  httpStatus?: number | null | undefined,
): ExitCode {
  if (error === null || error === undefined) return EXIT.failed;
  const known = BY_CODE[error.code];
  if (known !== undefined) return known;
  const status = typeof error.status === 'number' ? error.status : httpStatus;
  switch (error.code) {
    case 'ERR_DROVER_NETWORK':
      return isTls(error) ? EXIT.tls : EXIT.network;
    case 'ERR_DROVER_HTTP_STATUS':
      return status !== null && status !== undefined && AUTH_STATUSES.has(status) ? EXIT.auth : EXIT.server;
    case 'ERR_DROVER_SERVICE':
      // `retrieve`'s wrapper: its cause is the bundle's own error.
      return isFailureLike(error.cause) ? exitCodeOf(error.cause, status) : EXIT.failed;
    default:
      return EXIT.failed;
  }
}
