import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * Which limit ran out: `connect` (no connection in time), `headers` (no response headers in time),
 * `idle` (no body bytes for too long), `speed` (fewer than `lowSpeedLimit` bytes per second over a
 * whole `lowSpeedTime` window) or `total` (the whole attempt took too long).
 */
export type TimeoutPhase = 'connect' | 'headers' | 'idle' | 'speed' | 'total';

/** An attempt ran out of time. Always transient. */
export class TimeoutError extends DroverError {
  /** Which limit ran out. */
  readonly phase: TimeoutPhase;
  /** The limit, in milliseconds. */
  readonly timeout: number;

  constructor(
    phase: TimeoutPhase,
    timeout: number,
    options: DroverErrorOptions & { readonly bytes?: number; readonly lowSpeedLimit?: number },
  ) {
    const detail =
      phase === 'speed'
        ? `low-speed limit: ${options.bytes ?? 0} bytes in ${timeout} ms, below ${options.lowSpeedLimit ?? 0} bytes/s`
        : `${phase} timeout of ${timeout} ms exceeded`;
    super('ERR_DROVER_TIMEOUT', detail, {
      ...options,
      transient: true,
    });
    this.name = 'TimeoutError';
    this.phase = phase;
    this.timeout = timeout;
  }
}
