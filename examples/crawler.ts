// Composing a crawler: start from a page, follow links breadth-first with each(), stay on one host,
// never visit a page twice, stop at a depth, save every page. Prints what it visited.
// Run: pnpm example examples/crawler.ts [START_URL]
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AioDownload, BackOff, Bundle, DownloadStrategy, each } from '@drover/core';
import { target } from './support/local-server.js';

const MAX_DEPTH = 2;

interface Visit {
  readonly depth: number;
}

const server = await target();
const start = new URL(server.local ? `${server.url}/site/` : server.url);
const home = await mkdtemp(path.join(tmpdir(), 'drover-crawl-'));
const download = new AioDownload({
  requestStrategy: new BackOff({ concurrent: 4, limitPerHost: 4, maxAttempts: 3 }),
  downloadStrategy: new DownloadStrategy({ home }),
});

/** Absolute http(s) links of a page, on the start host, without fragments. */
function links(html: string, base: string): string[] {
  const found: string[] = [];
  for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
    try {
      const url = new URL(href as string, base);
      url.hash = '';
      if (url.host === start.host && (url.protocol === 'http:' || url.protocol === 'https:'))
        found.push(url.href);
    } catch {
      // Not a URL: skip it.
    }
  }
  return found;
}

const seen = new Set<string>([start.href]);
let frontier = [new Bundle<Visit>(start.href, { info: { depth: 0 } })];
let visited = 0;
let failed = 0;
while (frontier.length > 0) {
  const next: Bundle<Visit>[] = [];
  for await (const bundle of each(frontier, (page) => page, download)) {
    const { depth } = bundle.info as Visit;
    console.log(
      `${'  '.repeat(depth)}${bundle.status === 'written' ? 'visited' : bundle.status} ${bundle.url}`,
    );
    if (bundle.status !== 'written') {
      failed++;
      continue;
    }
    visited++;
    if (depth >= MAX_DEPTH) continue;
    const html = await readFile(bundle.filePath as string, 'utf8');
    for (const link of links(html, bundle.url)) {
      if (seen.has(link)) continue;
      seen.add(link);
      next.push(new Bundle<Visit>(link, { info: { depth: depth + 1 } }));
    }
  }
  frontier = next;
}
console.log(`crawled ${visited} pages (${failed} failed) to depth ${MAX_DEPTH}, saved under ${home}`);

await download.close();
await server.close();
process.exitCode = visited > 1 ? 0 : 1;
