// Mirrored downloads: one file, several URLs; each retry moves to the next mirror.
// Run: pnpm example examples/mirrors.ts [URL MIRROR...]
import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AioDownload, BackOff, Bundle, DownloadStrategy, one } from '@drover/core';
import { fileContent } from '@drover/testkit';
import { target } from './support/local-server.js';

const server = await target();
const [primary, ...mirrors] = server.local
  ? [`${server.url}/status/503`, `${server.url}/status/502`, `${server.url}/files/release.tar?size=500000`]
  : process.argv.slice(2);
const home = await mkdtemp(path.join(tmpdir(), 'drover-mirrors-'));
const download = new AioDownload({
  requestStrategy: new BackOff({ maxAttempts: 3, sleep: 10 }),
  downloadStrategy: new DownloadStrategy({ home }),
});
download.on('retry', ({ error }) => console.log(`mirror failed (${error.message}); trying the next one`));

// With a known digest, the file is only accepted if whichever mirror served it sent the right bytes.
const digest = server.local
  ? createHash('sha256').update(fileContent('/files/release.tar', 500000)).digest('hex')
  : undefined;
const bundle = await one(
  new Bundle(primary as string, {
    mirrors,
    filePath: 'release.tar',
    ...(digest === undefined ? {} : { checksum: { algorithm: 'sha256', digest } }),
  }),
  download,
);
console.log(`${bundle.status} from ${bundle.finalUrl} after ${bundle.attempts} attempts: ${bundle.filePath}`);
if (bundle.status === 'written') console.log(`${(await readFile(bundle.filePath as string)).length} bytes`);

await download.close();
await server.close();
process.exitCode = bundle.status === 'written' ? 0 : 1;
