import { DroverError, type DroverErrorOptions } from './drover-error.js';

/** The downloaded bytes do not match the bundle's checksum. The file never reaches its final path. */
export class IntegrityError extends DroverError {
  /** The hash algorithm, such as `sha256`. */
  readonly algorithm: string;
  /** The digest the caller expected (hex). */
  readonly expected: string;
  /** The digest of the bytes received (hex). */
  readonly actual: string;

  constructor(algorithm: string, expected: string, actual: string, options: DroverErrorOptions) {
    super('ERR_DROVER_INTEGRITY', `${algorithm} mismatch: expected ${expected}, got ${actual}`, {
      ...options,
      transient: false,
    });
    this.name = 'IntegrityError';
    this.algorithm = algorithm;
    this.expected = expected;
    this.actual = actual;
  }
}
