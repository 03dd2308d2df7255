import { DroverError, type DroverErrorOptions } from './drover-error.js';

/**
 * Writing the file failed: a folder that cannot be made or written, a full disk, a name too long.
 * No partial file is left at the final path.
 */
export class FileSystemError extends DroverError {
  /** The path drover was writing. */
  readonly path: string;
  /** The system error code, such as `ENOSPC` or `EACCES`, when known. */
  readonly systemCode: string | undefined;

  constructor(path: string, options: DroverErrorOptions) {
    const systemCode = (options.cause as { code?: unknown } | undefined)?.code;
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super('ERR_DROVER_FILE_SYSTEM', `cannot write ${path}: ${reason}`, { ...options, transient: false });
    this.name = 'FileSystemError';
    this.path = path;
    this.systemCode = typeof systemCode === 'string' ? systemCode : undefined;
  }
}
