import type { BundleOptions } from '@drover/core';

/** The expected digest core verifies before a file reaches its path (`IntegrityError` otherwise). */
export type Checksum = NonNullable<BundleOptions['checksum']>;

/** aria2's checksum types and their digest length in hex digits. */
const HEX_LENGTHS: Readonly<Record<string, number>> = {
  md5: 32,
  'sha-1': 40,
  'sha-224': 56,
  'sha-256': 64,
  'sha-384': 96,
  'sha-512': 128,
};

/**
 * Parse the value of an input line's `checksum=TYPE=HEX` (aria2 style, e.g. `sha-256=9f86…`).
 * @returns core's checksum (algorithm as written, lower-case hex digest), or what is wrong with it.
 */
export function parseChecksum(value: string): Checksum | string {
  const equals = value.indexOf('=');
  const type = (equals < 0 ? value : value.slice(0, equals)).trim().toLowerCase();
  const digest =
    equals < 0
      ? ''
      : value
          .slice(equals + 1)
          .trim()
          .toLowerCase();
  const length = HEX_LENGTHS[type];
  if (length === undefined) {
    return `unsupported checksum type "${type}" (use ${Object.keys(HEX_LENGTHS).join(', ')})`;
  }
  if (!new RegExp(`^[0-9a-f]{${length}}$`).test(digest)) {
    return `checksum ${type} expects ${length} hex digits, got "${digest}"`;
  }
  return { algorithm: type, digest };
}
