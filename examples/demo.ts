// The main demo: drover downloads a swarm of files from its own local test server, with progress,
// including flaky URLs that recover, some that never do, and a second pass that finds all cached
// (skipCached trusts only files it recorded itself, so both passes run with it).
// Run: npm run demo   (or, once installed: pnpm demo:run)
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AioDownload, BackOff, type Bundle, DownloadStrategy, swarm } from '@drover/core';
import { createTestServer } from '@drover/testkit';
import cliProgress from 'cli-progress';

const FILES = 300;
const MiB = 1024 * 1024;

const server = await createTestServer();
const home = await mkdtemp(path.join(tmpdir(), 'drover-demo-'));
const run = Date.now();
const urls = Array.from({ length: FILES }, (_, i) => {
  const size = 4096 + ((i * 7919) % 200) * 1024;
  if (i % 50 === 7) return `${server.url}/flaky/demo-${run}-${i}?fail=2&size=${size}`; // recovers on the 3rd try
  if (i % 60 === 11) return `${server.url}/reset?size=${size}&after=2048&n=${i}`; // never recovers
  return `${server.url}/files/demo/${i}.bin?size=${size}`;
});

async function pass(label: string, skipCached: boolean): Promise<void> {
  const download = new AioDownload({
    requestStrategy: new BackOff({ concurrent: 16, maxAttempts: 4, sleep: 50 }),
    downloadStrategy: new DownloadStrategy({ home, skipCached }),
  });
  const interactive = process.stdout.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} files | {mib} MiB | {retries} retries`,
      hideCursor: interactive,
      noTTYOutput: !interactive,
      notTTYSchedule: 500,
    },
    cliProgress.Presets.shades_classic,
  );
  let bytes = 0;
  let retries = 0;
  bar.start(urls.length, 0, { mib: '0.0', retries });
  download.on('done', ({ bundle }) => {
    bytes += bundle.bytes;
    bar.increment(1, { mib: (bytes / MiB).toFixed(1), retries });
  });
  download.on('retry', () => {
    retries++;
  });
  const started = performance.now();
  const bundles = await swarm(urls, download);
  bar.stop();
  await download.close();
  summarize(label, bundles, performance.now() - started);
}

function summarize(label: string, bundles: Bundle[], ms: number): void {
  const count = (status: Bundle['status']) => bundles.filter((bundle) => bundle.status === status).length;
  const bytes = bundles.reduce((sum, bundle) => sum + bundle.bytes, 0);
  console.log(
    `${label}: ${count('written')} written, ${count('cached')} cached, ${count('failed')} failed; ` +
      `${(bytes / MiB).toFixed(1)} MiB in ${(ms / 1000).toFixed(2)} s`,
  );
  for (const bundle of bundles.filter((b) => b.status === 'failed')) {
    console.log(`  failed after ${bundle.attempts} attempts: ${bundle.error?.message}`);
  }
}

const flaky = urls.filter((url) => url.includes('/flaky/')).length;
const broken = urls.filter((url) => url.includes('/reset?')).length;
console.log(`drover demo: ${FILES} files from ${server.url} into ${home}`);
console.log(
  `  on purpose: ${flaky} URLs fail twice then recover (retried), ${broken} reset the connection on every ` +
    'attempt and end failed: the rest of the swarm is not disturbed, and no partial file is left.',
);
await pass('download', true);
await pass('again   ', true);
await server.close();
