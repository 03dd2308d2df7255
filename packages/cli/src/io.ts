import type { Readable } from 'node:stream';

/** A stream a command writes to; `isTTY` picks bars or plain lines. */
export type OutStream = NodeJS.WritableStream & { readonly isTTY?: boolean };

/** The process streams a command reads and writes (replaceable in tests). */
export interface Io {
  readonly stdin: Readable;
  readonly stdout: OutStream;
  readonly stderr: OutStream;
}

/** The real ones. */
export const processIo: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
