import { DroverError, type DroverErrorOptions } from './drover-error.js';

/** The connection failed: refused, reset, DNS failure, TLS failure. `cause` holds the system error. */
export class NetworkError extends DroverError {
  /** The system error code, such as `ECONNREFUSED` or `ECONNRESET`, when known. */
  readonly systemCode: string | undefined;

  constructor(detail: string, options: DroverErrorOptions & { readonly systemCode?: string | undefined }) {
    super('ERR_DROVER_NETWORK', detail, options);
    this.name = 'NetworkError';
    this.systemCode = options.systemCode;
  }
}
