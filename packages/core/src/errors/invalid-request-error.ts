import { DroverError, type DroverErrorOptions } from './drover-error.js';

/** The bundle asks for something no request may carry, such as a header with a line break. Nothing was sent. */
export class InvalidRequestError extends DroverError {
  constructor(detail: string, options: DroverErrorOptions) {
    super('ERR_DROVER_INVALID_REQUEST', detail, { ...options, requestSent: false, transient: false });
    this.name = 'InvalidRequestError';
  }
}
