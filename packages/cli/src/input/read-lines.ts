import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { UsageError } from '../usage-error.js';

/** An opened `-i` input: its name for messages and its lines, read lazily once. */
export interface LineSource {
  /** `stdin` or the file name as given. */
  readonly name: string;
  /** Whether it is a regular file (so it can be read twice, to count entries ahead). */
  readonly isFile: boolean;
  /** The lines, streamed with `readline`; `\r\n` endings are handled. */
  lines(): AsyncIterable<string>;
}

function linesOf(input: Readable): AsyncIterable<string> {
  return readline.createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

async function openFile(file: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`--input cannot read ${JSON.stringify(file)}: ${reason}`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new UsageError(`--input expects a file, got the folder ${JSON.stringify(file)}`);
  }
  return handle;
}

/**
 * Open `-i FILE` now (`-` is standard input), so an unreadable file is a usage error before any
 * download starts. The lines are read later, lazily.
 */
export async function openInput(file: string, stdin: Readable): Promise<LineSource> {
  if (file === '-') return { name: 'stdin', isFile: false, lines: () => linesOf(stdin) };
  const handle = await openFile(file);
  return {
    name: file,
    isFile: true,
    lines: () => linesOf(handle.createReadStream({ autoClose: true })),
  };
}

/** Count the URL lines of an input file (not blank, not `#`, not indented), streaming. */
export async function countUrlLines(file: string): Promise<number> {
  const handle = await openFile(file);
  let count = 0;
  for await (const line of linesOf(handle.createReadStream({ autoClose: true }))) {
    if (/^\S/.test(line) && !line.startsWith('#')) count++;
  }
  return count;
}
