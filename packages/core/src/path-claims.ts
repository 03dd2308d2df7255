/**
 * Which URL owns which file path in one coordinator, and one writer per path at a time.
 * Two different URLs never write one path; the same URL twice writes it one after the other.
 *
 * Memory stays small over millions of bundles: paths held by running bundles and the last
 * {@link RECENT} released ones are kept exactly (the error names the owner); older ones only as a
 * 53-bit hash of the path mapped to a 53-bit hash of its URL (about 50 bytes instead of about 200).
 * A false conflict would need two different paths with equal hashes and different URL hashes: odds
 * about n² / 2⁵⁴, one in 3.6 million for 100 000 paths.
 */
/** How many released paths keep their owner's URL exactly. */
const RECENT = 4096;

export class PathClaims {
  private readonly active = new Map<string, { readonly url: string; holders: number }>();
  private readonly released = new Map<number, number>();
  /** Recently released paths and their URLs, oldest first (a Map keeps insertion order). */
  private readonly recent = new Map<string, string>();
  private readonly writers = new Map<string, Promise<unknown>>();

  /**
   * Claim `path` for `url` until {@link release}. Returns the URL that owns it (or a description of
   * it, once released), or `undefined` when the claim holds.
   */
  claim(path: string, url: string): string | undefined {
    const held = this.active.get(path);
    if (held !== undefined) {
      if (held.url !== url) return held.url;
      held.holders += 1;
      return undefined;
    }
    const recent = this.recent.get(path);
    if (recent !== undefined && recent !== url) return recent;
    const earlier = this.released.get(hash53(path));
    if (earlier !== undefined && earlier !== hash53(url)) return 'another URL earlier in this run';
    this.active.set(path, { url, holders: 1 });
    return undefined;
  }

  /** Give back one claim of `path` by `url`; the last one leaves only the hashes behind. */
  release(path: string, url: string): void {
    const held = this.active.get(path);
    if (held === undefined || held.url !== url) return;
    held.holders -= 1;
    if (held.holders > 0) return;
    this.active.delete(path);
    this.released.set(hash53(path), hash53(url));
    this.recent.delete(path);
    this.recent.set(path, url);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** Run `write` once no other write to `path` is running. */
  async exclusive<T>(path: string, write: () => Promise<T>): Promise<T> {
    const previous = this.writers.get(path);
    const current = (previous ?? Promise.resolve()).catch(() => undefined).then(write);
    this.writers.set(path, current);
    try {
      return await current;
    } finally {
      if (this.writers.get(path) === current) this.writers.delete(path);
    }
  }
}

/** A 53-bit hash (two 32-bit FNV-1a passes with murmur finalisers), exact as a JavaScript number. */
function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35) ^ (a >>> 16);
  b = Math.imul(b ^ (b >>> 15), 0x2c1b3c6d);
  b = Math.imul(b ^ (b >>> 12), 0x297a2d39) ^ (b >>> 15);
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}
