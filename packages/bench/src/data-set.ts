import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Sizes } from './options.js';

/** Size of the deterministic pattern every data file is cut from. */
const PATTERN_BYTES = 1024 * 1024;

/** Names inside the served data folder (the URL paths are the same, under the server's root). */
export const DATA_NAMES = {
  /** Folder of the small files, named by {@link smallFileName}. */
  smallDir: 'small',
  large: 'large.bin',
  tiny: 'tiny.bin',
} as const;

/** The name of small file `index` (0-based). */
export function smallFileName(index: number): string {
  return `f${String(index).padStart(5, '0')}.bin`;
}

/** 1 MiB of deterministic bytes: SHA-256 of a counter, chained. */
function pattern(): Buffer {
  const buffer = Buffer.alloc(PATTERN_BYTES);
  for (let offset = 0, block = 0; offset < PATTERN_BYTES; offset += 32, block++) {
    createHash('sha256').update(`drover-bench-${block}`).digest().copy(buffer, offset);
  }
  return buffer;
}

async function writeLarge(file: string, size: number, source: Buffer): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: PATTERN_BYTES });
  const full = Math.floor(size / PATTERN_BYTES);
  for (let i = 0; i < full; i++) {
    if (!out.write(source)) await once(out, 'drain');
  }
  const rest = size - full * PATTERN_BYTES;
  if (rest > 0) out.write(source.subarray(0, rest));
  out.end();
  await once(out, 'finish');
}

/**
 * Write the served folder: `small/` with `sizes.smallCount` files of `sizes.smallBytes`, one
 * `large.bin` of `sizes.largeBytes` (the 1 MiB pattern repeated), and `tiny.bin`. Folders are made
 * world-readable so nginx workers running as `nobody` can serve them.
 */
export async function writeDataSet(root: string, sizes: Sizes): Promise<void> {
  const source = pattern();
  const smallDir = path.join(root, DATA_NAMES.smallDir);
  await mkdir(smallDir, { recursive: true });
  for (let i = 0; i < sizes.smallCount; i++) {
    const start = (i * 4099) % (PATTERN_BYTES - sizes.smallBytes);
    await writeFile(path.join(smallDir, smallFileName(i)), source.subarray(start, start + sizes.smallBytes));
  }
  await writeFile(path.join(root, DATA_NAMES.tiny), source.subarray(0, sizes.tinyBytes));
  await writeLarge(path.join(root, DATA_NAMES.large), sizes.largeBytes, source);
  await chmod(root, 0o755);
  await chmod(smallDir, 0o755);
}
