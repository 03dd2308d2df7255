// Map your own records to URLs and handle each bundle as soon as it finishes (completion order).
// Run: pnpm example examples/each-url-map.ts [BASE_URL]
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AioDownload, Bundle, DownloadStrategy, each, RequestStrategy } from '@drover/core';
import { target } from './support/local-server.js';

interface Photo {
  readonly id: number;
  readonly size: number;
}

const server = await target();
const home = await mkdtemp(path.join(tmpdir(), 'drover-each-'));
const download = new AioDownload({
  requestStrategy: new RequestStrategy({ concurrent: 4 }),
  downloadStrategy: new DownloadStrategy({ home }),
});

// A generator: each() pulls records only as slots free up, so this could be a database cursor.
function* photos(): Generator<Photo> {
  for (let id = 1; id <= 12; id++) yield { id, size: 1000 * id };
}

const toBundle = (photo: Photo) =>
  new Bundle(`${server.url}/files/photos/${photo.id}.jpg?size=${photo.size}`, { info: photo });

let failed = 0;
for await (const bundle of each(photos(), toBundle, download)) {
  const photo = bundle.info as Photo;
  console.log(`photo ${photo.id}: ${bundle.status}, ${bundle.bytes} bytes`);
  if (bundle.status === 'failed') failed++;
}

await download.close();
await server.close();
process.exitCode = failed === 0 ? 0 : 1;
