/**
 * The exit codes of `drover`, by cause, on wget2's model (0 to 8 mean what they mean for wget2;
 * 9 is drover's checksum mismatch). 69 and 70 come from sysexits.h.
 */
export const EXIT = {
  /** Every item succeeded. */
  ok: 0,
  /**
   * A failure with no more specific cause: an invalid URL or input line, a path conflict, an
   * unexpected error; for `check`, a file that differs from the remote size.
   */
  failed: 1,
  /** Bad command line: unknown flag, bad value, unreadable input. Nothing was downloaded. */
  usage: 2,
  /** The local file system failed: a folder that cannot be made, a path that is a file, a full disk. */
  io: 3,
  /** The network failed: DNS, connection refused or reset, a timeout, a body cut short. */
  network: 4,
  /** TLS failed: a certificate that cannot be verified, a handshake error. */
  tls: 5,
  /** The server asked for credentials: 401 or 407. */
  auth: 6,
  /**
   * The response could not be accepted: a redirect loop or limit or scheme, an unfollowed 3xx, a
   * body past the size limit or one that expands without bound, a 2xx refused by a response check,
   * a `fetch --as json` body that is not JSON.
   */
  protocol: 7,
  /** The server answered with an error status other than 401 and 407 (404, 500, 503 ...). */
  server: 8,
  /** A body did not match its `checksum=` line. */
  checksum: 9,
  /** A command needs an optional package that is not installed (`worker` needs `@drover/redis`). */
  unavailable: 69,
  /**
   * Internal error: the process ran out of work while the command was still waiting for something
   * (a promise nothing could settle any more). Node alone would exit 13 without a word.
   */
  unsettled: 70,
  /** Stopped by SIGINT or SIGTERM. */
  interrupted: 130,
} as const;

/** One of {@link EXIT}'s values. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The codes a run's items can end with, from the one that loses to every other to the one that
 * wins: wget's rule (the lower code wins, but 1 loses to all), with Ctrl-C above everything. A
 * cause nearer the user's machine explains the others: with the disk full or the network down, the
 * failures past it say little.
 */
const PRECEDENCE: readonly ExitCode[] = [
  EXIT.ok,
  EXIT.failed,
  EXIT.checksum,
  EXIT.server,
  EXIT.protocol,
  EXIT.auth,
  EXIT.tls,
  EXIT.network,
  EXIT.io,
  EXIT.usage,
  EXIT.interrupted,
];

function rank(code: ExitCode): number {
  const index = PRECEDENCE.indexOf(code);
  return index < 0 ? PRECEDENCE.length : index;
}

/** Which of two exit codes a run ends with (see {@link PRECEDENCE}); codes outside it (69, 70) win. */
export function worseExit(a: ExitCode, b: ExitCode): ExitCode {
  return rank(a) >= rank(b) ? a : b;
}

/**
 * The worst exit code among a run's items: start at 0, {@link add} each failure's code, read
 * {@link code} at the end.
 */
export class ExitTally {
  private worst: ExitCode = EXIT.ok;

  /** Count one item's code. */
  add(code: ExitCode): void {
    this.worst = worseExit(this.worst, code);
  }

  /** The code the run exits with so far. */
  get code(): ExitCode {
    return this.worst;
  }
}
