import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * The coordinator was closed: `close()` refused this bundle before it started, or aborted it while it
 * was queued, waiting or in flight (without `drain`). Never retried; `requestSent` is `false` for a
 * bundle refused before any request.
 */
export class ClosedError extends DroverError {
  constructor(options: DroverErrorOptions) {
    super('ERR_DROVER_CLOSED', 'the coordinator is closed (close() was called)', {
      requestSent: false,
      ...options,
      transient: false,
    });
    this.name = 'ClosedError';
  }
}
