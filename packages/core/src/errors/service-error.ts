import { DroverError } from './drover-error.js';

/**
 * `retrieve` with `raiseStatus` on: a URL still failed once its retries were exhausted. `cause` is the
 * bundle's own error (an `HttpError`, `NetworkError`, `TimeoutError` ...).
 */
export class ServiceError extends DroverError {
  /** The HTTP status of the last response, when one arrived. */
  readonly status: number | undefined;

  constructor(cause: DroverError, status: number | undefined) {
    super('ERR_DROVER_SERVICE', cause.message.slice(cause.method.length + cause.url.length + 3), {
      url: cause.url,
      method: cause.method,
      cause,
      requestSent: cause.requestSent,
      transient: cause.transient,
    });
    this.name = 'ServiceError';
    this.status = status;
  }
}
