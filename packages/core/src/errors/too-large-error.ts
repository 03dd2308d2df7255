import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * The body is larger than the strategy's `maxContentLength` (announced, or counted after decoding),
 * or a content-encoded body expanded beyond `maxDecodedRatio` (a gzip bomb). Never retried.
 */
export class TooLargeError extends DroverError {
  /** The limit in bytes. */
  readonly limit: number;

  constructor(limit: number, options: DroverErrorOptions & { readonly detail?: string | undefined }) {
    super('ERR_DROVER_TOO_LARGE', options.detail ?? `body larger than maxContentLength of ${limit} bytes`, {
      ...options,
      transient: false,
    });
    this.name = 'TooLargeError';
    this.limit = limit;
  }
}
