import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { contentChunks } from './content.js';
import { sleep } from './http-util.js';

/** Sends the body in `chunk`-byte pieces, one every `interval` milliseconds. */
export interface Pace {
  /** Bytes per piece (at least 1). */
  chunk: number;
  /** Milliseconds between pieces. */
  interval: number;
}

/** Writes one chunk; when the socket buffer is full, waits for `'drain'` (or rejects when `signal` aborts). */
export async function writeChunk(res: ServerResponse, chunk: Buffer, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (!res.write(chunk)) await once(res, 'drain', { signal });
}

/**
 * Writes bytes `[start, end)` of the content of `contentPath`, waiting for `'drain'` whenever the socket
 * buffer is full so that even gigabyte bodies use little memory. Does not end the response.
 */
export async function writeContent(
  res: ServerResponse,
  contentPath: string,
  start: number,
  end: number,
  signal: AbortSignal,
  pace?: Pace,
): Promise<void> {
  if (pace === undefined) {
    for (const chunk of contentChunks(contentPath, start, end)) await writeChunk(res, chunk, signal);
    return;
  }
  for (let offset = start; offset < end; offset += pace.chunk) {
    if (offset > start) await sleep(pace.interval, signal);
    const next = Math.min(end, offset + pace.chunk);
    for (const chunk of contentChunks(contentPath, offset, next)) await writeChunk(res, chunk, signal);
  }
}

/** Closes the connection once everything written so far has been flushed (FIN, then destroy). */
export function closeAfterFlush(res: ServerResponse): void {
  const socket = res.socket;
  if (socket === null) return;
  socket.destroySoon();
}
