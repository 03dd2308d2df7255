import { rmSync } from 'node:fs';
import { type AioDownload, type Bundle, PART_SUFFIX } from '@drover/core';

/**
 * Follow which bundles are writing right now; the returned function removes their `.part` files
 * and resume sidecars, synchronously, for an immediate exit (second Ctrl-C) that cannot wait.
 */
export function trackPartFiles(download: AioDownload): () => void {
  const active = new Set<Bundle>();
  download.on('attempt', ({ bundle }) => active.add(bundle));
  download.on('retry', ({ bundle }) => active.delete(bundle));
  download.on('done', ({ bundle }) => active.delete(bundle));
  return () => {
    for (const { filePath } of active) {
      if (filePath === undefined) continue;
      rmSync(`${filePath}${PART_SUFFIX}`, { force: true });
      rmSync(`${filePath}${PART_SUFFIX}.json`, { force: true });
    }
  };
}
