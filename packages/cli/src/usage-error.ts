// EXIT lived in this file before the exit codes by cause; kept here for existing imports.
export { EXIT } from './exit-codes.js';

/**
 * A mistake on the command line. Its message names the flag or value at fault and is printed as
 * `drover: <message>`; the process exits with 2 (`EXIT.usage`).
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
