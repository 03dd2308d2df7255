// A DownloadStrategy subclass: its own file names (by record id) and skipping files it already has.
// Run: pnpm example examples/custom-download-strategy.ts [BASE_URL]
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AioDownload, Bundle, DownloadStrategy, RequestStrategy, swarm } from '@drover/core';
import { target } from './support/local-server.js';

interface Report {
  readonly id: string;
}

class ReportFiles extends DownloadStrategy {
  override getFilePath(bundle: Bundle): string {
    const { id } = bundle.info as Report;
    // The id comes from our own database, but a path is a path: keep it to one safe name.
    return path.join(this.home, `${id.replace(/[^\w-]/g, '_')}.pdf`);
  }
}

const server = await target();
const home = await mkdtemp(path.join(tmpdir(), 'drover-reports-'));
await writeFile(path.join(home, 'q2.pdf'), 'downloaded yesterday');

const download = new AioDownload({
  requestStrategy: new RequestStrategy({ concurrent: 2 }),
  downloadStrategy: new ReportFiles({ home, skipCached: true }),
});
const reports = ['q1', 'q2', 'q3'].map(
  (id) => new Bundle<Report>(`${server.url}/files/reports/${id}?size=2048`, { info: { id } }),
);
const bundles = await swarm(reports, download);
for (const bundle of bundles) console.log(`${bundle.status.padEnd(8)} ${bundle.filePath}`);

await download.close();
await server.close();
process.exitCode = bundles.every((bundle) => bundle.status !== 'failed') ? 0 : 1;
