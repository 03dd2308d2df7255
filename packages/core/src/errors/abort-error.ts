import { DroverError, type DroverErrorOptions } from './drover-error.js';

/** The caller's `AbortSignal` fired before the bundle finished. Never retried. */
export class AbortError extends DroverError {
  constructor(options: DroverErrorOptions) {
    const reason = options.cause instanceof Error ? `: ${options.cause.message}` : '';
    super('ERR_DROVER_ABORTED', `aborted${reason}`, { ...options, transient: false });
    this.name = 'AbortError';
  }
}
