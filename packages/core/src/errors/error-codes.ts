/**
 * Where a code comes from: Node's sockets (`node`), name resolution (`dns`), certificate checks and
 * handshakes (`tls`), undici (`undici`), the HTTP parser llhttp under both transports (`parser`),
 * axios and follow-redirects (`axios`), the decoders of a compressed body (`zlib`), or the rows that
 * catch everything else (`default`).
 */
export type ErrorCodeSource = 'node' | 'dns' | 'tls' | 'undici' | 'parser' | 'axios' | 'zlib' | 'default';

/** The drover error a code becomes before the response, when not `NetworkError`. */
export type ErrorCodeClass =
  | 'NetworkError'
  | 'ClosedError'
  | 'InvalidUrlError'
  | 'InvalidRequestError'
  | 'RedirectError';

/** What drover makes of one error code, whichever transport raised it. */
export interface ErrorCodeRule {
  /** Where the code comes from. */
  readonly source: ErrorCodeSource;
  /** Likely to pass when asked again later. Retrying strategies retry only transient failures. */
  readonly transient: boolean;
  /** Whether the request may have reached the server; `false` means repeating it is always safe. */
  readonly requestSent: boolean;
  /** What it means, in a few words; the error's message starts with it. */
  readonly meaning: string;
  /** The error class it becomes before the response (a failure inside the body is a `ReadError`). */
  readonly becomes: ErrorCodeClass;
}

type Row = readonly [transient: boolean, requestSent: boolean, meaning: string, becomes?: ErrorCodeClass];

function rows(source: ErrorCodeSource, table: Record<string, Row>): Record<string, ErrorCodeRule> {
  return Object.fromEntries(
    Object.entries(table).map(([code, [transient, requestSent, meaning, becomes]]) => [
      code,
      { source, transient, requestSent, meaning, becomes: becomes ?? 'NetworkError' },
    ]),
  );
}

const PERMANENT = false;
const TRANSIENT = true;
const NOT_SENT = false;
const MAYBE_SENT = true;
const BAD_CERTIFICATE: Row = [PERMANENT, NOT_SENT, 'TLS certificate refused'];

/**
 * The one classification of errors raised while requesting and reading a response, the same on both
 * transports. Keys are exact codes; a key ending in `*` is a family (the longest matching prefix
 * wins; `*` alone catches errors with an unknown code or none). The table in docs/errors.md is this
 * one, row for row (a test compares them).
 */
export const ERROR_CODES: Readonly<Record<string, ErrorCodeRule>> = Object.freeze({
  ...rows('dns', {
    ENOTFOUND: [PERMANENT, NOT_SENT, 'host not found (DNS: no such name)'],
    EAI_NONAME: [PERMANENT, NOT_SENT, 'host not found (DNS: no such name)'],
    EAI_NODATA: [PERMANENT, NOT_SENT, 'host has no address (DNS)'],
    EAI_FAIL: [PERMANENT, NOT_SENT, 'name resolution failed for good (DNS)'],
    EAI_AGAIN: [TRANSIENT, NOT_SENT, 'name resolution failed for now (DNS server unreachable or busy)'],
  }),
  ...rows('node', {
    ECONNREFUSED: [TRANSIENT, NOT_SENT, 'connection refused'],
    ENETUNREACH: [TRANSIENT, NOT_SENT, 'network unreachable'],
    EHOSTUNREACH: [TRANSIENT, NOT_SENT, 'host unreachable'],
    ENETDOWN: [TRANSIENT, NOT_SENT, 'network down'],
    EHOSTDOWN: [TRANSIENT, NOT_SENT, 'host down'],
    EADDRNOTAVAIL: [TRANSIENT, NOT_SENT, 'no local address or port free'],
    ERR_SOCKET_CONNECTION_TIMEOUT: [TRANSIENT, NOT_SENT, 'connection attempt timed out'],
    ETIMEDOUT: [TRANSIENT, MAYBE_SENT, 'connection timed out'],
    ECONNRESET: [TRANSIENT, MAYBE_SENT, 'connection reset'],
    ECONNABORTED: [TRANSIENT, MAYBE_SENT, 'connection aborted'],
    EPIPE: [TRANSIENT, MAYBE_SENT, 'connection closed while sending'],
    ERR_STREAM_PREMATURE_CLOSE: [TRANSIENT, MAYBE_SENT, 'connection closed early'],
    'ERR_HTTP2_*': [TRANSIENT, MAYBE_SENT, 'HTTP/2 stream or session failed'],
    ERR_INVALID_URL: [PERMANENT, NOT_SENT, 'invalid URL', 'InvalidUrlError'],
    ERR_INVALID_HTTP_TOKEN: [PERMANENT, NOT_SENT, 'invalid header name or method', 'InvalidRequestError'],
    ERR_INVALID_CHAR: [PERMANENT, NOT_SENT, 'invalid character in a header', 'InvalidRequestError'],
    ERR_UNESCAPED_CHARACTERS: [
      PERMANENT,
      NOT_SENT,
      'unescaped characters in the path',
      'InvalidRequestError',
    ],
    'E*': [TRANSIENT, MAYBE_SENT, 'system error'],
  }),
  ...rows('tls', {
    ERR_TLS_CERT_ALTNAME_INVALID: [PERMANENT, NOT_SENT, 'TLS certificate is not valid for this host name'],
    HOSTNAME_MISMATCH: [PERMANENT, NOT_SENT, 'TLS certificate is not valid for this host name'],
    DEPTH_ZERO_SELF_SIGNED_CERT: [PERMANENT, NOT_SENT, 'TLS certificate is self-signed'],
    SELF_SIGNED_CERT_IN_CHAIN: [
      PERMANENT,
      NOT_SENT,
      'TLS certificate chain ends in an untrusted self-signed root',
    ],
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: [PERMANENT, NOT_SENT, 'TLS certificate issuer unknown'],
    UNABLE_TO_GET_ISSUER_CERT: [PERMANENT, NOT_SENT, 'TLS certificate issuer unknown'],
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: [PERMANENT, NOT_SENT, 'TLS certificate issuer unknown'],
    CERT_HAS_EXPIRED: [PERMANENT, NOT_SENT, 'TLS certificate expired'],
    CERT_NOT_YET_VALID: [PERMANENT, NOT_SENT, 'TLS certificate not valid yet'],
    CERT_REVOKED: BAD_CERTIFICATE,
    CERT_UNTRUSTED: BAD_CERTIFICATE,
    CERT_REJECTED: BAD_CERTIFICATE,
    CERT_SIGNATURE_FAILURE: BAD_CERTIFICATE,
    CERT_CHAIN_TOO_LONG: BAD_CERTIFICATE,
    INVALID_CA: BAD_CERTIFICATE,
    INVALID_PURPOSE: BAD_CERTIFICATE,
    PATH_LENGTH_EXCEEDED: BAD_CERTIFICATE,
    UNABLE_TO_DECRYPT_CERT_SIGNATURE: BAD_CERTIFICATE,
    UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: BAD_CERTIFICATE,
    ERROR_IN_CERT_NOT_BEFORE_FIELD: BAD_CERTIFICATE,
    ERROR_IN_CERT_NOT_AFTER_FIELD: BAD_CERTIFICATE,
    EPROTO: [PERMANENT, NOT_SENT, 'TLS handshake failed'],
    ERR_TLS_HANDSHAKE_TIMEOUT: [TRANSIENT, NOT_SENT, 'TLS handshake timed out'],
    'ERR_TLS_*': [PERMANENT, NOT_SENT, 'TLS handshake failed'],
    'ERR_SSL_*': [PERMANENT, NOT_SENT, 'TLS handshake failed'],
  }),
  ...rows('undici', {
    UND_ERR_CONNECT_TIMEOUT: [TRANSIENT, NOT_SENT, 'connection attempt timed out'],
    UND_ERR_HEADERS_TIMEOUT: [TRANSIENT, MAYBE_SENT, 'no response headers in time'],
    UND_ERR_BODY_TIMEOUT: [TRANSIENT, MAYBE_SENT, 'body stalled'],
    UND_ERR_SOCKET: [TRANSIENT, MAYBE_SENT, 'connection closed by the other side'],
    UND_ERR_ABORTED: [TRANSIENT, MAYBE_SENT, 'request aborted'],
    UND_ERR_ABORT: [TRANSIENT, MAYBE_SENT, 'request aborted'],
    UND_ERR_HEADERS_OVERFLOW: [PERMANENT, MAYBE_SENT, 'response headers too large'],
    UND_ERR_RES_CONTENT_LENGTH_MISMATCH: [PERMANENT, MAYBE_SENT, 'body does not match its Content-Length'],
    UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: [
      PERMANENT,
      MAYBE_SENT,
      'request body does not match its Content-Length',
    ],
    UND_ERR_RES_EXCEEDED_MAX_SIZE: [PERMANENT, MAYBE_SENT, 'response too large'],
    UND_ERR_INVALID_ARG: [PERMANENT, NOT_SENT, 'invalid request', 'InvalidRequestError'],
    UND_ERR_INVALID_RETURN_VALUE: [PERMANENT, NOT_SENT, 'invalid request', 'InvalidRequestError'],
    UND_ERR_NOT_SUPPORTED: [PERMANENT, NOT_SENT, 'request not supported', 'InvalidRequestError'],
    UND_ERR_PRX_TLS: [PERMANENT, NOT_SENT, 'TLS to the proxy failed'],
    UND_ERR_DESTROYED: [PERMANENT, NOT_SENT, 'the coordinator is closed', 'ClosedError'],
    UND_ERR_CLOSED: [PERMANENT, NOT_SENT, 'the coordinator is closed', 'ClosedError'],
    'UND_ERR_*': [TRANSIENT, MAYBE_SENT, 'request failed'],
  }),
  ...rows('parser', {
    HPE_HEADER_OVERFLOW: [PERMANENT, MAYBE_SENT, 'response headers too large'],
    HPE_INVALID_CHUNK_SIZE: [PERMANENT, MAYBE_SENT, 'invalid chunked encoding'],
    HPE_INVALID_CONTENT_LENGTH: [PERMANENT, MAYBE_SENT, 'invalid Content-Length'],
    HPE_UNEXPECTED_CONTENT_LENGTH: [PERMANENT, MAYBE_SENT, 'Content-Length together with chunked encoding'],
    HPE_INVALID_TRANSFER_ENCODING: [PERMANENT, MAYBE_SENT, 'invalid Transfer-Encoding'],
    HPE_INVALID_STATUS: [PERMANENT, MAYBE_SENT, 'invalid status line'],
    HPE_INVALID_EOF_STATE: [TRANSIENT, MAYBE_SENT, 'connection closed in the middle of the response'],
    'HPE_*': [PERMANENT, MAYBE_SENT, 'malformed HTTP response'],
  }),
  ...rows('axios', {
    ERR_NETWORK: [TRANSIENT, MAYBE_SENT, 'network error'],
    ERR_CANCELED: [PERMANENT, MAYBE_SENT, 'request canceled by the client'],
    ERR_BAD_REQUEST: [PERMANENT, NOT_SENT, 'request refused by axios', 'InvalidUrlError'],
    ERR_BAD_OPTION: [PERMANENT, NOT_SENT, 'invalid axios option', 'InvalidRequestError'],
    ERR_BAD_OPTION_VALUE: [PERMANENT, NOT_SENT, 'invalid axios option', 'InvalidRequestError'],
    ERR_NOT_SUPPORT: [PERMANENT, NOT_SENT, 'not supported by axios', 'InvalidRequestError'],
    ERR_BAD_RESPONSE: [PERMANENT, MAYBE_SENT, 'response refused by axios'],
    'ERR_FR_*': [PERMANENT, MAYBE_SENT, 'redirect not followed', 'RedirectError'],
  }),
  ...rows('zlib', {
    Z_DATA_ERROR: [PERMANENT, MAYBE_SENT, 'body does not decode (not what its Content-Encoding says)'],
    Z_BUF_ERROR: [PERMANENT, MAYBE_SENT, 'compressed body ends early'],
    Z_NEED_DICT: [PERMANENT, MAYBE_SENT, 'compressed body needs a dictionary'],
    'ERR__ERROR_*': [PERMANENT, MAYBE_SENT, 'body does not decode (brotli)'],
  }),
  ...rows('default', {
    'ERR_*': [PERMANENT, MAYBE_SENT, 'request refused'],
    '*': [PERMANENT, MAYBE_SENT, 'request failed'],
  }),
});

/** Family prefixes, longest first, so the most specific family wins. */
const FAMILIES = Object.keys(ERROR_CODES)
  .filter((key) => key.endsWith('*'))
  .map((key) => key.slice(0, -1))
  .sort((a, b) => b.length - a.length);

/** The table's key for a code: the code itself, the longest family it belongs to, or `*`. */
export function errorCodeKey(code: string | undefined): string {
  if (code === undefined) return '*';
  if (Object.hasOwn(ERROR_CODES, code) && !code.endsWith('*')) return code;
  const family = FAMILIES.find((prefix) => code.startsWith(prefix)) ?? '';
  return `${family}*`;
}

/**
 * What drover makes of an error code (`ECONNREFUSED`, `UND_ERR_SOCKET`, `HPE_INVALID_CHUNK_SIZE`,
 * `CERT_HAS_EXPIRED`, …); a code it does not know gets its family's rule, or the `*` row.
 */
export function errorCodeRule(code: string | undefined): ErrorCodeRule {
  return ERROR_CODES[errorCodeKey(code)] as ErrorCodeRule;
}
