import { Readable } from 'node:stream';
import { TooLargeError } from '../errors/too-large-error.js';
import type { DroverResponse } from './response.js';

/**
 * Read a response body into memory (up to `limit` bytes, else `TooLargeError`) and put the same
 * bytes back as `response.body`, so a download strategy still gets the whole body afterwards. For an
 * `evaluateResponse` check that looks inside a 2xx body; the bytes are decoded and verified
 * (timeouts, `Content-Length`) as they are for the file.
 *
 * @param limit - most bytes to hold. @default 10 MiB
 * @example const ok = (await readBody(response)).toString().includes('"ok":true');
 */
export async function readBody(response: DroverResponse, limit = 10 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > limit) {
      response.body.destroy();
      throw new TooLargeError(limit, { url: response.url, method: response.request.method });
    }
    chunks.push(buffer);
  }
  const body = Buffer.concat(chunks);
  response.body = Readable.from([body]);
  return body;
}
