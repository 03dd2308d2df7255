import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestServer } from '@drover/testkit';
import { DATA_NAMES } from './data-set.js';
import type { Sizes } from './options.js';
import type { UrlSet } from './url-set.js';

/** Which file a URL set points at. */
export type FileKind = 'small' | 'large' | 'tiny';

/** A running HTTP server for the data set. */
export interface FileServer {
  readonly kind: 'nginx' | 'testkit';
  /** One line for the result file: version and setup, or why the fallback is in use. */
  readonly description: string;
  readonly origin: string;
  urls(kind: FileKind): UrlSet;
  /** Stop the server; safe to call twice. */
  close(): Promise<void>;
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Poll `url` until it answers 200, at most `attempts` times 100 ms apart. */
export async function waitUntilServing(url: string, attempts: number): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return false;
}

/** URL templates for the layout nginx serves: the data folder as is, `/tiny/<n>` → `tiny.bin`. */
export function nginxUrls(origin: string, kind: FileKind): UrlSet {
  if (kind === 'small') return { template: `${origin}/${DATA_NAMES.smallDir}/f{i}.bin`, pad: 5 };
  if (kind === 'large') return { template: `${origin}/${DATA_NAMES.large}`, pad: 0 };
  return { template: `${origin}/tiny/{i}`, pad: 0 };
}

/**
 * The fallback: `@drover/testkit`'s node:http server in this process, serving the same sizes from
 * `/files/...?size=N` (deterministic content, not the data folder).
 */
export async function startTestkitServer(sizes: Sizes, reason: string): Promise<FileServer> {
  const server = await createTestServer();
  const origin = server.url;
  return {
    kind: 'testkit',
    description: `FALLBACK @drover/testkit node:http server in the harness process (${reason})`,
    origin,
    urls(kind) {
      // One content path per kind (items differ by query only), so the server's block cache serves them all.
      if (kind === 'small')
        return { template: `${origin}/files/small.bin?size=${sizes.smallBytes}&i={i}`, pad: 5 };
      if (kind === 'large') return { template: `${origin}/files/large.bin?size=${sizes.largeBytes}`, pad: 0 };
      return { template: `${origin}/files/tiny.bin?size=${sizes.tinyBytes}&i={i}`, pad: 0 };
    },
    close: () => server.close(),
  };
}
