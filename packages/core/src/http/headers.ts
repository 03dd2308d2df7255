/** Header values as a transport hands them over: lower-case names, a string or a list per name. */
export type RawHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * Response headers, looked up by name whatever its case (as the WHATWG `Headers`). A thin view over
 * the transport's own lower-case object: nothing is copied or validated per response.
 *
 * @example response.headers.get('Content-Type') // 'text/html; charset=utf-8'
 */
export class DroverHeaders implements Iterable<[string, string]> {
  /** @param raw - header names in lower case, as Node's and undici's parsers give them */
  constructor(private readonly raw: RawHeaders) {}

  /** The value of `name` (repeated headers joined with `, `; `set-cookie` lines too), or `null`. */
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return typeof value === 'string' ? value : value.join(', ');
  }

  /** Every value of `name`, one per header line (useful for `set-cookie`). */
  getAll(name: string): string[] {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return [];
    return typeof value === 'string' ? [value] : [...value];
  }

  /** Whether the response has a header `name`. */
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  /** `[name, value]` pairs, names in lower case. */
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** A plain object of the headers, names in lower case (for logs and JSON). */
  toJSON(): Record<string, string> {
    return Object.fromEntries(this.entries());
  }
}
