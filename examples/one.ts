// Fetch one file. Run: pnpm example examples/one.ts [URL]
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AioDownload, DownloadStrategy, one } from '@drover/core';
import { target } from './support/local-server.js';

const server = await target();
const home = await mkdtemp(path.join(tmpdir(), 'drover-one-'));
const download = new AioDownload({ downloadStrategy: new DownloadStrategy({ home }) });
const url = server.local ? `${server.url}/files/hello.bin?size=100000` : server.url;

const bundle = await one(url, download);
console.log(bundle.statusMsg);
console.log(
  bundle.status === 'written'
    ? `${bundle.bytes} bytes in ${bundle.filePath}`
    : `failed: ${bundle.error?.message}`,
);

await download.close();
await server.close();
process.exitCode = bundle.status === 'written' ? 0 : 1;
