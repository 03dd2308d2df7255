import { constants, deflateRawSync } from 'node:zlib';

// Reflected CRC-32 polynomial, as used by gzip.
const POLY = 0xedb88320;
const X0 = 0x80000000;

function multModP(a: number, b: number): number {
  let m = X0;
  let p = 0;
  let factor = b;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= factor;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    factor = factor & 1 ? (factor >>> 1) ^ POLY : factor >>> 1;
  }
  return p >>> 0;
}

// X2N[k] is x^(2^k) modulo the polynomial.
const X2N: number[] = [0x40000000];
for (let k = 1; k < 32; k++) {
  const previous = X2N[k - 1] ?? 0;
  X2N.push(multModP(previous, previous));
}

/**
 * CRC-32 of `length` zero bytes in O(log length), the way zlib's `crc32_combine` shifts a CRC:
 * appending n zeros multiplies the register by x^(8n).
 */
export function crc32OfZeros(length: number): number {
  let power = X0;
  let k = 3;
  for (let n = length; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) power = multModP(X2N[k % 32] ?? 0, power);
  }
  return (multModP(power, 0xffffffff) ^ 0xffffffff) >>> 0;
}

const SEGMENT = 1024 * 1024;
const SEGMENTS_PER_BATCH = 64;
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
// An empty final block with fixed codes: ends the deflate stream after full-flushed segments.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
let batch: Buffer | undefined;

function segment(zeros: number): Buffer {
  // A full flush makes the segment byte-aligned and self-contained, so copies can follow each other.
  return deflateRawSync(Buffer.alloc(zeros), {
    level: constants.Z_BEST_COMPRESSION,
    finishFlush: constants.Z_FULL_FLUSH,
  });
}

/**
 * A gzip stream of `size` zero bytes, as chunks: one 1 MiB segment is compressed once and repeated,
 * so even gigabytes cost almost nothing to produce (about 1 KiB per MiB).
 */
export function* gzipZeros(size: number): Generator<Buffer> {
  yield HEADER;
  if (batch === undefined) {
    const one = segment(SEGMENT);
    batch = Buffer.concat(Array.from({ length: SEGMENTS_PER_BATCH }, () => one));
  }
  const batchBytes = SEGMENT * SEGMENTS_PER_BATCH;
  let left = size;
  for (; left >= batchBytes; left -= batchBytes) yield batch;
  const one = batch.subarray(0, batch.length / SEGMENTS_PER_BATCH);
  for (; left >= SEGMENT; left -= SEGMENT) yield one;
  if (left > 0) yield segment(left);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32OfZeros(size), 0);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  yield Buffer.concat([FINAL_BLOCK, trailer]);
}
