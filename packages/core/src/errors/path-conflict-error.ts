import { redactUrl } from '../redact-url.js';
import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * Two different URLs map to the same file path in one coordinator. The first one keeps the path;
 * this bundle fails instead of overwriting it. Give one of them an explicit `filePath` to keep both.
 */
export class PathConflictError extends DroverError {
  /** The contested path. */
  readonly path: string;
  /** The URL that claimed the path first, its password masked (`redactUrl`). */
  readonly claimedBy: string;

  constructor(path: string, claimedBy: string, options: DroverErrorOptions) {
    super('ERR_DROVER_PATH_CONFLICT', `${path} is already the target of ${redactUrl(claimedBy)}`, {
      ...options,
      requestSent: false,
      transient: false,
    });
    this.name = 'PathConflictError';
    this.path = path;
    this.claimedBy = redactUrl(claimedBy);
  }
}
