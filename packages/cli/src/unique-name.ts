import path from 'node:path';
import { uniqueFilename } from '@drover/core';

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
 * The file name of `--name unique`: core's `uniqueFilename` (the SHA-256 of the normalized URL, its
 * query sorted, without fragment or user info: credentials are no part of the file, and the name
 * must not be a hash of a password) cut to 16 hex digits, plus the extension of the URL's last path
 * segment when it has a plain one. Flat, fixed-length and collision-safe for any practical input;
 * the same name `uniqueFilename(url, { digits: 16, fileExtension })` gives.
 *
 * @example uniqueName('https://example.com/a/photo.JPG?x=1') // '3c0e…(16 hex).JPG'
 */
export function uniqueName(url: string): string {
  const last = decoded(new URL(url).pathname.split('/').at(-1) ?? '');
  const extension = path.posix.extname(last);
  return uniqueFilename(url, { digits: 16, fileExtension: EXTENSION.test(extension) ? extension : '' });
}
