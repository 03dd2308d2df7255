import { Readable } from 'node:stream';
import type { AxiosRequestConfig } from 'axios';

/** A body undici can send, with the content type axios would have set for it. */
export interface EncodedBody {
  readonly body: string | Uint8Array | Readable | undefined;
  readonly contentType: string | undefined;
}

/** Config keys the undici transport reads; the attempt loop sets the ones after `auth` itself. */
const UNDERSTOOD = new Set([
  'url',
  'method',
  'headers',
  'data',
  'params',
  'auth',
  'signal',
  'timeout',
  'maxRedirects',
  'responseType',
  'decompress',
  'validateStatus',
]);

/** The first axios option in `config` the undici transport would silently ignore, if any. */
export function unsupportedOption(config: AxiosRequestConfig): string | undefined {
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined && !UNDERSTOOD.has(key)) return key;
  }
  return undefined;
}

/** Encode a request's `data` the way axios does for the common types. Throws `TypeError` for others. */
export function encodeBody(data: unknown): EncodedBody {
  if (data === undefined || data === null) return { body: undefined, contentType: undefined };
  if (typeof data === 'string') return { body: data, contentType: undefined };
  if (data instanceof Uint8Array) return { body: data, contentType: undefined };
  if (data instanceof ArrayBuffer) return { body: new Uint8Array(data), contentType: undefined };
  if (data instanceof Readable) return { body: data, contentType: undefined };
  if (data instanceof URLSearchParams) {
    return { body: data.toString(), contentType: 'application/x-www-form-urlencoded;charset=utf-8' };
  }
  if (Array.isArray(data) || Object.getPrototypeOf(data) === Object.prototype) {
    return { body: JSON.stringify(data), contentType: 'application/json' };
  }
  throw new TypeError(`cannot send a ${Object.prototype.toString.call(data)} body`);
}

/** `url` with axios-style `params` appended (arrays as `key[]`, dates as ISO strings, nullish skipped). */
export function withParams(url: string, params: unknown): string {
  if (params === undefined || params === null) return url;
  const target = new URL(url);
  const entries = params instanceof URLSearchParams ? [...params] : Object.entries(params as object);
  for (const [key, value] of entries) {
    const values = Array.isArray(value) ? value : [value];
    const name = Array.isArray(value) ? `${key}[]` : key;
    for (const item of values) {
      if (item === undefined || item === null) continue;
      if (typeof item === 'object' && !(item instanceof Date)) {
        throw new TypeError(`cannot put a nested object into the query (params.${key})`);
      }
      target.searchParams.append(name, item instanceof Date ? item.toISOString() : String(item));
    }
  }
  return target.href;
}

/** `Authorization: Basic …` for axios's `auth` option. */
export function basicAuth(auth: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}
