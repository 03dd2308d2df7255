import { createHash, getHashes, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import type { Checksum } from './bundle.js';

/** Node's name for a hash algorithm (`sha-256` → `sha256`), or a TypeError naming the bad one. */
export function normalizeAlgorithm(algorithm: string): string {
  const name = algorithm
    .trim()
    .toLowerCase()
    .replace(/^sha-(\d+)$/, 'sha$1');
  if (!getHashes().includes(name)) {
    throw new TypeError(`Expected \`checksum.algorithm\` to be a hash Node supports, got \`${algorithm}\``);
  }
  return name;
}

/** A running hash for a bundle's checksum. */
export function hashFor(checksum: Checksum): Hash {
  return createHash(normalizeAlgorithm(checksum.algorithm));
}

/** Whether `digest` (hex or base64) is the digest `hash` produced. */
export function digestMatches(expected: string, actual: Buffer): boolean {
  const wanted = expected.trim();
  return wanted.toLowerCase() === actual.toString('hex') || wanted === actual.toString('base64');
}

/** Feed an existing file's bytes into `hash` (resumed downloads hash what is already on disk first). */
export async function hashFileInto(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/** A pass-through that feeds every chunk into `hash`. */
export function hashTap(hash: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}
