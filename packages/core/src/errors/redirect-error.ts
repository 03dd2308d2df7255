import { DroverError, type DroverErrorOptions } from './drover-error.js';

/** A redirect could not be followed: too many of them, a loop, or a scheme other than http(s). */
export class RedirectError extends DroverError {
  constructor(detail: string, options: DroverErrorOptions) {
    super('ERR_DROVER_REDIRECT', detail, { ...options, transient: false });
    this.name = 'RedirectError';
  }
}
