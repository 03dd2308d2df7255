import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * A response looked fine (2xx) but the caller's response check refused it, for example a 200 with an
 * error payload. Transient, so retrying strategies try again, within `maxAttempts`.
 */
export class ResponseCheckError extends DroverError {
  constructor(detail: string, options: DroverErrorOptions) {
    super('ERR_DROVER_RESPONSE_CHECK', detail, { transient: true, ...options });
    this.name = 'ResponseCheckError';
  }
}
