import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * The response started but its body was not received whole: the connection was reset, the body was
 * shorter than `Content-Length`, or it could not be decoded. Transient unless the body could not be decoded.
 */
export class ReadError extends DroverError {
  /** Body bytes received from the network before the failure. */
  readonly receivedBytes: number;

  constructor(detail: string, receivedBytes: number, options: DroverErrorOptions) {
    super('ERR_DROVER_READ', detail, { transient: true, ...options });
    this.name = 'ReadError';
    this.receivedBytes = receivedBytes;
  }
}
