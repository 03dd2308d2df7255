import { Readable } from 'node:stream';
import type { RequestBody } from '../http/request.js';

/** A body undici can send, with the content type axios would have set for it. */
export interface EncodedBody {
  readonly body: string | Uint8Array | Readable | undefined;
  readonly contentType: string | undefined;
}

/**
 * Encode a request body the way axios does for the common types: strings and bytes as they are,
 * streams and async iterables streamed, `URLSearchParams` as a form, plain objects and arrays as
 * JSON. Throws `TypeError` for anything else.
 */
export function encodeBody(data: RequestBody | null | undefined): EncodedBody {
  if (data === undefined || data === null) return { body: undefined, contentType: undefined };
  if (typeof data === 'string') return { body: data, contentType: undefined };
  if (data instanceof Uint8Array) return { body: data, contentType: undefined };
  if (data instanceof ArrayBuffer) return { body: new Uint8Array(data), contentType: undefined };
  if (data instanceof Readable) return { body: data, contentType: undefined };
  if (Symbol.asyncIterator in data) {
    return { body: Readable.from(data as AsyncIterable<Uint8Array>), contentType: undefined };
  }
  if (data instanceof URLSearchParams) {
    return { body: data.toString(), contentType: 'application/x-www-form-urlencoded;charset=utf-8' };
  }
  if (Array.isArray(data) || Object.getPrototypeOf(data) === Object.prototype) {
    return { body: JSON.stringify(data), contentType: 'application/json' };
  }
  throw new TypeError(`cannot send a ${Object.prototype.toString.call(data)} body`);
}

/**
 * `url` with `params` appended, axios-style (arrays as `key[]`, dates as ISO strings, nullish
 * skipped): drover's one query-string encoder, used by `retrieve` and `download`.
 */
export function withParams(url: string | URL, params: unknown): string {
  if (params === undefined || params === null) return String(url);
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
