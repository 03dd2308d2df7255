import { createHash } from 'node:crypto';

/** Size in bytes of the block that every served body repeats. */
export const BLOCK_SIZE = 65_536;

const CACHE_LIMIT = 32;
const blocks = new Map<string, Buffer>();

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Fill `block` with xorshift32 output seeded by `seed`: cheap (a new path costs ~0.1 ms), deterministic. */
function fillPseudoRandom(block: Buffer, seed: Buffer): void {
  const words = new Uint32Array(block.buffer, block.byteOffset, block.length / 4);
  let state = seed.readUInt32LE(0) || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  // Mix the rest of the seed in so paths that share their first 4 digest bytes still differ.
  for (let i = 4; i < seed.length; i++) block[i] = (block[i] as number) ^ (seed[i] as number);
}

/**
 * The 64 KiB block that the content of `path` repeats: a xorshift32 stream seeded by the SHA-256 of
 * the path. Blocks are cached in a small LRU so that serving many ranges of one file stays cheap.
 */
export function contentBlock(path: string): Buffer {
  const cached = blocks.get(path);
  if (cached !== undefined) {
    // Re-insert so the Map's insertion order doubles as recency order.
    blocks.delete(path);
    blocks.set(path, cached);
    return cached;
  }
  // A fresh ArrayBuffer keeps the Uint32Array view aligned (allocUnsafe may hand out a pool slice).
  const block = Buffer.from(new ArrayBuffer(BLOCK_SIZE));
  fillPseudoRandom(block, digest(path));
  blocks.set(path, block);
  if (blocks.size > CACHE_LIMIT) {
    const oldest = blocks.keys().next().value;
    if (oldest !== undefined) blocks.delete(oldest);
  }
  return block;
}

/**
 * Yields the bytes `[start, end)` of the content of `path` as views into the cached block (no copies).
 * Each chunk is at most {@link BLOCK_SIZE} bytes.
 */
export function* contentChunks(path: string, start: number, end: number): Generator<Buffer> {
  const block = contentBlock(path);
  let offset = start;
  while (offset < end) {
    const from = offset % BLOCK_SIZE;
    const length = Math.min(BLOCK_SIZE - from, end - offset);
    yield block.subarray(from, from + length);
    offset += length;
  }
}

/**
 * The exact bytes the test server serves for `path` with `?size=size`.
 *
 * Deterministic, different for different paths, and the same prefix whatever the size:
 * byte `i` is `contentBlock(path)[i % 65536]`.
 *
 * @param path - The URL path without query, exactly as the client's `URL.pathname` (e.g. `'/files/a.bin'`).
 * @param size - Number of bytes.
 */
export function fileContent(path: string, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  if (size > 0) buffer.fill(contentBlock(path));
  return buffer;
}

/**
 * The strong ETag (quotes included, e.g. `"1f0c…"`) the test server sends for `path` with `?size=size`.
 *
 * @param path - The URL path without query, e.g. `'/files/a.bin'`.
 * @param size - Number of bytes of the content.
 */
export function fileEtag(path: string, size: number): string {
  return `"${digest(`${path}\0${size}`).toString('hex').slice(0, 24)}"`;
}

const EPOCH = Date.UTC(2024, 0, 1);
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * The fixed `Last-Modified` date the test server sends for `path` (whole seconds, some time in 2023).
 *
 * @param path - The URL path without query, e.g. `'/files/a.bin'`.
 */
export function fileLastModified(path: string): Date {
  const seconds = digest(`mtime:${path}`).readUInt32BE(0) % YEAR_SECONDS;
  return new Date(EPOCH - (seconds + 1) * 1000);
}
