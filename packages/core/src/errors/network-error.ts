import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * The request failed before a response: refused, reset, DNS failure, TLS failure, a malformed
 * response head. `transient` and `requestSent` come from the code's row in `ERROR_CODES`, the same on
 * both transports; `cause` holds the transport's own error.
 */
export class NetworkError extends DroverError {
  /** The system error code, such as `ECONNREFUSED` or `ECONNRESET`, when known. */
  readonly systemCode: string | undefined;
  /**
   * The code that classified it (its row in `ERROR_CODES`): a system, DNS, TLS, undici, HTTP parser
   * or axios code such as `ENOTFOUND`, `CERT_HAS_EXPIRED` or `UND_ERR_HEADERS_OVERFLOW`, when known.
   */
  readonly causeCode: string | undefined;

  constructor(
    detail: string,
    options: DroverErrorOptions & {
      readonly systemCode?: string | undefined;
      readonly causeCode?: string | undefined;
    },
  ) {
    super('ERR_DROVER_NETWORK', detail, options);
    this.name = 'NetworkError';
    this.systemCode = options.systemCode;
    this.causeCode = options.causeCode ?? options.systemCode;
  }
}
