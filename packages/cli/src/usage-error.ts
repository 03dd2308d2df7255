/** The exit codes of `drover`. */
export const EXIT = {
  /** Every item succeeded. */
  ok: 0,
  /** At least one item failed (or, for `check`, differs). */
  failed: 1,
  /** Bad command line: unknown flag, bad value, unreadable input. Nothing was downloaded. */
  usage: 2,
  /**
   * Internal error: the process ran out of work while the command was still waiting for something
   * (a promise nothing could settle any more). Node alone would exit 13 without a word.
   */
  unsettled: 70,
  /** Stopped by SIGINT or SIGTERM after letting in-flight downloads finish. */
  interrupted: 130,
} as const;

/**
 * A mistake on the command line. Its message names the flag or value at fault and is printed as
 * `drover: <message>`; the process exits with {@link EXIT.usage}.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
