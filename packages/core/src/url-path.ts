import { createHash } from 'node:crypto';
import path from 'node:path';
import { RECORD_FOLDER } from './cache-record.js';
import { encodeUrlComponent } from './url-name-encoding.js';

/** The name given to a URL whose path is empty or ends with a slash. */
export const INDEX_NAME = 'index';

/** A last segment literally called `index`: `%69` is `i` escaped, a spelling no other name takes. */
const LITERAL_INDEX_NAME = '%69ndex';

/** An empty segment that is not the last one (`a//b`): `%` alone is a name no segment takes. */
const EMPTY_SEGMENT_NAME = '%';

/** Longest name, in UTF-8 bytes, kept as is; most file systems allow 255 and `.part.json` must fit. */
const MAX_NAME_BYTES = 200;

/** What ends a shortened name: `%~` (a form no other name has) and hex digits of its SHA-256. */
const SHORTENED_MARK = '%~';
const DIGEST_HEX_DIGITS = 20;

/** `name` cut to fit {@link MAX_NAME_BYTES}, on a character boundary, with a hash of the whole name. */
function shorten(name: string): string {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, DIGEST_HEX_DIGITS);
  const room = MAX_NAME_BYTES - SHORTENED_MARK.length - DIGEST_HEX_DIGITS;
  let kept = '';
  let bytes = 0;
  for (const char of name) {
    bytes += Buffer.byteLength(char);
    if (bytes > room) break;
    kept += char;
  }
  return `${kept}${SHORTENED_MARK}${digest}`;
}

/**
 * Endings of the files drover keeps beside a download: `PART_SUFFIX` (part-file.ts) and the
 * part file's sidecar (part-file.ts). No mapped name may end so, or one URL's file would be
 * another URL's temporary.
 */
const DROVER_SUFFIXES = ['.part', '.part.json'] as const;

/**
 * `name`, unless drover itself needs it: `.` and `..` (the folder itself or its parent), the
 * `.drover` record folder, a name ending in `.part` or `.part.json`. Those get the dot that makes
 * them special written `%2E`, an escape no other name contains (unreserved escapes are decoded).
 */
function notDroverOwn(name: string): string {
  if (name === '.' || name === '..') return name.replaceAll('.', '%2E');
  if (name === RECORD_FOLDER) return `%2E${name.slice(1)}`;
  const suffix = DROVER_SUFFIXES.find((ending) => name.endsWith(ending));
  return suffix === undefined ? name : `${name.slice(0, -suffix.length)}%2E${suffix.slice(1)}`;
}

/** The host folder: the host name, plus `+port` when the port is not the scheme's default. */
function hostFolder(url: URL): string {
  const host = encodeUrlComponent(url.hostname, 'host');
  return shorten(notDroverOwn(url.port === '' ? host : `${host}+${url.port}`));
}

function segmentName(raw: string, last: boolean): string {
  if (raw === '') return last ? INDEX_NAME : EMPTY_SEGMENT_NAME;
  const name = encodeUrlComponent(raw, 'segment');
  return last && name === INDEX_NAME ? LITERAL_INDEX_NAME : name;
}

/** The query without its `?`; `undefined` when the URL has no `?` (`x?` has an empty query, `x` none). */
function queryOf(url: URL): string | undefined {
  if (url.search !== '') return url.search.slice(1);
  // The first `#` of an http(s) href starts the fragment: the parser escapes it everywhere else.
  return url.href.split('#', 1)[0]?.endsWith('?') === true ? '' : undefined;
}

/**
 * Map a URL to a relative file path, the way aiodownload did (`host/segments/name`), one-to-one:
 * two URLs that differ once the WHATWG parser has normalised them never get the same path. Only the
 * scheme (`http` and `https` share), the user info and the fragment are left out, and escapes RFC
 * 3986 calls equivalent (`%7E` and `~`, `%3f` and `%3F`) are read as one. The rules, and why they
 * cannot collide, are in docs/url-paths.md:
 * - the first folder is the host, with `+port` for a non-default port (`127.0.0.1+8080`; a `+` in
 *   the host itself is written `%%2B`);
 * - each path segment is written with its reserved escapes kept (`%3F`, `%40`, `%2F`, `%25` stay),
 *   unreserved ones, space and readable non-ASCII text decoded (`%C3%A9` → `é`), and a `%` that
 *   starts no escape written `%%25`; no segment can be `.`, `..` or contain `/` or `\`;
 * - an empty path or a trailing slash gets the name `index` (a last segment really called `index`
 *   is written `%69ndex`); an empty segment elsewhere (`a//b`) is named `%`;
 * - the query is kept in the file name after `?` (`page?x=1`), written the same way, with a literal
 *   `/` as `%%2F`; the fragment is dropped;
 * - no name is `.`, `..` or `.drover`, or ends in `.part` or `.part.json` (drover's own files):
 *   that dot is written `%2E` (`a.part` → `a%2Epart`);
 * - a name longer than 200 bytes is cut and ends with `%~` and 20 hex digits of its SHA-256.
 *
 * @throws TypeError when `url` is not an absolute http(s) URL.
 * @example urlToRelativePath('http://example.com/a/b.txt?x=1') // 'example.com/a/b.txt?x=1'
 */
export function urlToRelativePath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`unsupported scheme ${parsed.protocol}`);
  }
  // WHATWG parsing already resolved `..`, `%2e%2e` and backslashes for http(s); `notDroverOwn` is the second line.
  const raw = parsed.pathname.split('/').slice(1);
  const names = raw.map((segment, index) => segmentName(segment, index === raw.length - 1));
  const query = queryOf(parsed);
  const last = names.pop() ?? INDEX_NAME;
  names.push(query === undefined ? last : `${last}?${encodeUrlComponent(query, 'query')}`);
  return path.join(hostFolder(parsed), ...names.map((name) => shorten(notDroverOwn(name))));
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
