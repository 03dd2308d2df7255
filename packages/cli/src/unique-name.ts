import { createHash } from 'node:crypto';
import path from 'node:path';

/** Extensions kept in unique names: a dot and 1 to 12 letters or digits (`.bin`; `.gz` of `a.tar.gz`). */
const EXTENSION = /^\.[A-Za-z0-9]{1,12}$/;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The file name of `--name unique`: the first 16 hex digits of the SHA-256 of the normalized URL
 * (WHATWG `href` without user info: credentials are no part of the file, and the name must not be a
 * hash of a password), plus the extension of the URL's last path segment when it has a plain one.
 * Flat, fixed-length and collision-safe for any practical input.
 *
 * @example uniqueName('https://example.com/a/photo.JPG?x=1') // '3c0e…(16 hex).JPG'
 */
export function uniqueName(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  const digest = createHash('sha256').update(parsed.href).digest('hex').slice(0, 16);
  const last = decoded(parsed.pathname.split('/').at(-1) ?? '');
  const extension = path.posix.extname(last);
  return EXTENSION.test(extension) ? `${digest}${extension}` : digest;
}
