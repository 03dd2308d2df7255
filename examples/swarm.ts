// Fetch many files at once; results come back in input order. Run: pnpm example examples/swarm.ts [URL...]
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AioDownload, BackOff, DownloadStrategy, swarm } from '@drover/core';
import { target } from './support/local-server.js';

const server = await target();
const urls = server.local
  ? Array.from({ length: 20 }, (_, i) => `${server.url}/files/swarm/${i}.bin?size=${(i + 1) * 5000}`)
  : process.argv.slice(2);
const home = await mkdtemp(path.join(tmpdir(), 'drover-swarm-'));
const download = new AioDownload({
  requestStrategy: new BackOff({ concurrent: 8 }),
  downloadStrategy: new DownloadStrategy({ home }),
});

const bundles = await swarm(urls, download);
for (const bundle of bundles) console.log(bundle.statusMsg);
const written = bundles.filter((bundle) => bundle.status === 'written').length;
console.log(`${written} of ${bundles.length} written under ${home}`);

await download.close();
await server.close();
process.exitCode = written === bundles.length ? 0 : 1;
