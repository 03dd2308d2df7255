import type { Bundle } from './bundle.js';

/**
 * Who owns which file path in one coordinator. A path has at most one owner at a time: the bundle
 * that holds it is the only one that opens its `.part` file, computes a `Range` offset from it and
 * renames it into place. Another bundle for the same URL (and checksum) becomes a duplicate that
 * waits for the owner and shares its result; a bundle for a different URL is refused.
 *
 * After the owner ends, the path is remembered so a different URL cannot take it later in the same
 * run: exactly for the last {@link RECENT} paths (the error names the URL), as 53-bit hashes for the
 * last {@link REMEMBERED} (about 50 bytes each). Older paths are forgotten, so memory stays flat
 * over any number of bundles (a long-lived worker included). A false conflict needs two different
 * paths with equal hashes and different URL hashes: odds about n² / 2⁵⁴ for n remembered paths.
 */
/** How many released paths keep their owner's URL exactly. */
const RECENT = 4096;
/** How many released paths are remembered at all, as hashes. */
const REMEMBERED = 1 << 16;

/** What claiming a path gave. */
export type Claim =
  | { readonly kind: 'owner' }
  | { readonly kind: 'duplicate'; readonly owner: Bundle; readonly settled: Promise<void> }
  | { readonly kind: 'conflict'; readonly claimedBy: string };

interface Holder {
  readonly bundle: Bundle;
  readonly settled: Promise<void>;
  readonly settle: () => void;
}

export class PathClaims {
  private readonly active = new Map<string, Holder>();
  /** Hash of a released path → hash of its URL, oldest first (a Map keeps insertion order). */
  private readonly released = new Map<number, number>();
  /** Recently released paths and their URLs, oldest first. */
  private readonly recent = new Map<string, string>();

  /** Try to take `path` for `bundle` until {@link release}. */
  claim(path: string, bundle: Bundle): Claim {
    const held = this.active.get(path);
    if (held !== undefined) {
      if (held.bundle.url !== bundle.url) return { kind: 'conflict', claimedBy: held.bundle.url };
      return { kind: 'duplicate', owner: held.bundle, settled: held.settled };
    }
    const recent = this.recent.get(path);
    if (recent !== undefined && recent !== bundle.url) return { kind: 'conflict', claimedBy: recent };
    const earlier = this.released.get(hash53(path));
    if (recent === undefined && earlier !== undefined && earlier !== hash53(bundle.url)) {
      return { kind: 'conflict', claimedBy: 'another URL earlier in this run' };
    }
    let settle = () => {};
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    this.active.set(path, { bundle, settled, settle });
    return { kind: 'owner' };
  }

  /** How many paths are held and remembered now (bounded whatever the number of bundles). */
  get size(): { readonly active: number; readonly remembered: number; readonly recent: number } {
    return { active: this.active.size, remembered: this.released.size, recent: this.recent.size };
  }

  /** The owner of `path` is done with it: wake its duplicates and remember who wrote it. */
  release(path: string, bundle: Bundle): void {
    const held = this.active.get(path);
    if (held === undefined || held.bundle !== bundle) return;
    this.active.delete(path);
    remember(this.released, hash53(path), hash53(bundle.url), REMEMBERED);
    remember(this.recent, path, bundle.url, RECENT);
    held.settle();
  }
}

/** Set `key` as the newest entry of `map`, dropping the oldest beyond `limit`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as K);
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
