import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * Which limit ran out: `headers` (no response headers in time), `idle` (no body bytes for too long)
 * or `total` (the whole attempt took too long).
 */
export type TimeoutPhase = 'headers' | 'idle' | 'total';

/** An attempt ran out of time. Always transient. */
export class TimeoutError extends DroverError {
  /** Which limit ran out. */
  readonly phase: TimeoutPhase;
  /** The limit, in milliseconds. */
  readonly timeout: number;

  constructor(phase: TimeoutPhase, timeout: number, options: DroverErrorOptions) {
    super('ERR_DROVER_TIMEOUT', `${phase} timeout of ${timeout} ms exceeded`, {
      ...options,
      transient: true,
    });
    this.name = 'TimeoutError';
    this.phase = phase;
    this.timeout = timeout;
  }
}
