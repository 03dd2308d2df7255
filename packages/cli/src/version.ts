import { readFileSync } from 'node:fs';

/** This package's version, from its package.json (one level up from both src/ and dist/). */
export function version(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const value = (manifest as { version?: unknown }).version;
  return typeof value === 'string' ? value : '0.0.0';
}

/** The `User-Agent` drover sends unless `-H 'User-Agent: …'` says otherwise: `drover/0.1.0`. */
export const USER_AGENT = `drover/${version()}`;
