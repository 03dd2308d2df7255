import { createHash } from 'node:crypto';
import path from 'node:path';

/** The name given to a URL whose path is empty or ends with a slash. */
export const INDEX_NAME = 'index';

/** Longest file-name segment, in UTF-8 bytes, kept as is; most file systems allow 255. */
const MAX_SEGMENT_BYTES = 200;

/** Characters that cannot appear literally in a path segment, plus `%` so that escaping stays reversible. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is escaped
const UNSAFE = /[%/\\\u0000-\u001f\u007f]/g;

function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function decodeLeniently(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape such as `%E0%A4` is kept as written, its `%` escaped by escapeUnsafe.
    return segment;
  }
}

function shorten(segment: string): string {
  if (Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES) return segment;
  const digest = createHash('sha256').update(segment).digest('hex').slice(0, 12);
  let kept = segment;
  while (Buffer.byteLength(kept) > MAX_SEGMENT_BYTES - 13) kept = kept.slice(0, -1);
  return `${kept}~${digest}`;
}

/** One decoded path segment as a safe file or folder name. */
function safeSegment(raw: string): string {
  const decoded = escapeUnsafe(decodeLeniently(raw));
  if (decoded === '.' || decoded === '..') return decoded.replaceAll('.', '%2E');
  return shorten(decoded);
}

/** The host folder: the host name, plus `+port` when the port is not the scheme's default. */
function hostFolder(url: URL): string {
  const host = escapeUnsafe(url.hostname);
  return url.port === '' ? host : `${host}+${url.port}`;
}

/**
 * Map a URL to a relative file path, the way aiodownload did (`host/segments/name`) but safely:
 * - the first folder is the host name, with `+port` for a non-default port (`127.0.0.1+8080`);
 * - each path segment is percent-decoded, so non-ASCII names stay readable and distinct; `/`, `\`,
 *   `%`, control characters and the names `.` and `..` are escaped back (`%2F`, `%2E%2E`), so no
 *   segment can climb out of its folder or be mistaken for a separator;
 * - an empty path or a trailing slash gets the name `index`;
 * - the query is kept in the file name (`page?x=1`), escaped the same way; the fragment is dropped;
 * - a segment longer than 200 bytes is cut and given a hash suffix, so it stays unique and legal.
 *
 * @throws TypeError when `url` is not an absolute http(s) URL.
 * @example urlToRelativePath('http://example.com/a/b.txt?x=1') // 'example.com/a/b.txt?x=1'
 */
export function urlToRelativePath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`unsupported scheme ${parsed.protocol}`);
  }
  // WHATWG parsing already resolved `..`, `%2e%2e` and backslashes for http(s); this is the second line.
  const raw = parsed.pathname.split('/').slice(1);
  const segments = raw
    .filter((segment, index) => segment !== '' || index === raw.length - 1)
    .map(safeSegment);
  if (segments.length === 0 || segments.at(-1) === '') segments.splice(-1, 1, INDEX_NAME);
  if (parsed.search !== '')
    segments.push(`${segments.pop() ?? INDEX_NAME}?${escapeUnsafe(parsed.search.slice(1))}`);
  const last = segments.pop() ?? INDEX_NAME;
  segments.push(shorten(last));
  return path.join(hostFolder(parsed), ...segments);
}

/**
 * Resolve `relative` under `home` and prove it stays inside. Returns the absolute path.
 * @throws RangeError when the result would leave `home`.
 */
export function resolveInside(home: string, relative: string): string {
  const root = path.resolve(home);
  const target = path.resolve(root, relative);
  if (target !== root && target.startsWith(root + path.sep)) return target;
  throw new RangeError(`${relative} resolves outside ${root}`);
}
