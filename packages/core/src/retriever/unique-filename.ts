import { createHash } from 'node:crypto';
import { expectInteger } from '../validate.js';

/** Options of {@link uniqueFilename}. */
export interface UniqueFilenameOptions {
  /** Query parameters of the request; their order does not matter. */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /** The request body: a string, a Buffer, or a JSON value (key order does not matter). */
  readonly data?: unknown;
  /** Put before the hash, e.g. `'weather-'`. No path separators. @default '' */
  readonly prefix?: string;
  /** Put after the hash; a leading dot is added when missing. @default '' */
  readonly fileExtension?: string;
  /**
   * How many hex digits of the SHA-256 to keep (16 is 64 bits: collision-safe for any practical
   * mirror; the CLI's `--name unique` uses 16).
   * @default 64
   */
  readonly digits?: number;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function bodyText(data: unknown): string {
  if (data === undefined) return '';
  if (typeof data === 'string') return `s:${data}`;
  if (Buffer.isBuffer(data)) return `b:${data.toString('base64')}`;
  return `j:${canonical(data)}`;
}

/**
 * A stable file name for a request: `prefix + sha256(url with sorted query, body) + extension`. The
 * same request always gives the same name; different params or bodies give different names; the
 * order of query parameters (in the URL or in `params`) and of JSON keys does not matter, nor do the
 * URL's fragment and user info.
 *
 * @example uniqueFilename('https://api.example.com/q', { params: { b: 2, a: 1 }, fileExtension: 'json' })
 */
export function uniqueFilename(url: string | URL, options: UniqueFilenameOptions = {}): string {
  const prefix = options.prefix ?? '';
  if (/[/\\\0]/.test(prefix) || prefix === '.' || prefix === '..') {
    throw new TypeError(`Expected \`prefix\` to be a plain name, got \`${prefix}\``);
  }
  const extension = options.fileExtension ?? '';
  if (/[/\\\0]/.test(extension))
    throw new TypeError(`Expected \`fileExtension\` to be a plain suffix, got \`${extension}\``);
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(options.params ?? {}))
    parsed.searchParams.append(key, String(value));
  parsed.searchParams.sort();
  parsed.hash = '';
  // Credentials are not part of the request's identity, and a name must not be a hash of a password.
  parsed.username = '';
  parsed.password = '';
  const digits = expectInteger('digits', options.digits ?? 64, 8);
  const digest = createHash('sha256')
    .update(`${parsed.href}\n${bodyText(options.data)}`)
    .digest('hex')
    .slice(0, Math.min(64, digits));
  const suffix = extension === '' || extension.startsWith('.') ? extension : `.${extension}`;
  return `${prefix}${digest}${suffix}`;
}
