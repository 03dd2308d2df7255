import { UsageError } from './usage-error.js';

/** Bytes per size unit (powers of 1024, as wget2, aria2c and curl read `k`, `M`, `G`). */
const UNIT_BYTES: Readonly<Record<string, number>> = {
  '': 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
};
/** A decimal number, an optional unit letter, an optional `B` or `iB`: `500`, `10M`, `1.5G`, `64KiB`. */
const SIZE = /^(\d+(?:\.\d+)?|\.\d+)([kmgt]?)(i?b)?$/i;

/**
 * Parse a size flag: bytes, or a number with `K`, `M`, `G` or `T` (any case, powers of 1024, an
 * optional `B`/`iB`): `10M` is 10 485 760 bytes.
 * @param min the smallest value accepted, in bytes.
 * @returns whole bytes (rounded down).
 * @throws UsageError naming `flag` and `raw` when it is not a size or is below `min`.
 * @example parseSize('--max-filesize', '10M', 1) // 10_485_760
 */
export function parseSize(flag: string, raw: string, min: number): number {
  const match = SIZE.exec(raw);
  const unit = match === null ? undefined : UNIT_BYTES[(match[2] ?? '').toLowerCase()];
  const bytes = match === null || unit === undefined ? Number.NaN : Math.floor(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes < min) {
    throw new UsageError(
      `${flag} expects a size of at least ${min} byte(s) such as 500, 64K, 10M or 1G, got ${JSON.stringify(raw)}`,
    );
  }
  return bytes;
}
