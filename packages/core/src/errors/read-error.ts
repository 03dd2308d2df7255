import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * The response started but its body was not received whole: the connection was reset, the body was
 * shorter than `Content-Length`, it broke the HTTP framing (invalid chunked encoding) or it could not
 * be decoded. Transient unless its cause is permanent in `ERROR_CODES` (a protocol violation) or the
 * body does not decode: the same bytes would come again.
 */
export class ReadError extends DroverError {
  /** Body bytes received from the network before the failure. */
  readonly receivedBytes: number;
  /** The code that classified it (`HPE_INVALID_CHUNK_SIZE`, `Z_DATA_ERROR`, `ECONNRESET` …), when known. */
  readonly causeCode: string | undefined;

  constructor(
    detail: string,
    receivedBytes: number,
    options: DroverErrorOptions & { readonly causeCode?: string | undefined },
  ) {
    super('ERR_DROVER_READ', detail, { transient: true, ...options });
    this.name = 'ReadError';
    this.receivedBytes = receivedBytes;
    this.causeCode = options.causeCode;
  }
}
