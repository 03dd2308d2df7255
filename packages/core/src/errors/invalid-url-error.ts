import { DroverError, type DroverErrorOptions } from './drover-error.js';

/** The URL cannot be parsed, or its scheme is not http or https. No request was made. */
export class InvalidUrlError extends DroverError {
  constructor(detail: string, options: DroverErrorOptions) {
    super('ERR_DROVER_INVALID_URL', detail, { ...options, requestSent: false, transient: false });
    this.name = 'InvalidUrlError';
  }
}
