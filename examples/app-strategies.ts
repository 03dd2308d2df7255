// Subclassing strategies in an app: an API client that keeps to the API's rate limit and retries only
// when the JSON says so, and a download strategy that names files from the request's own data.
// Run: pnpm example examples/app-strategies.ts [BASE_URL]
import { mkdir, mkdtemp, readdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AioDownload,
  type Bundle,
  DownloadStrategy,
  type DroverError,
  type DroverResponse,
  RequestStrategy,
  ResponseCheckError,
  swarm,
} from '@drover/core';
import { target } from './support/local-server.js';

/** The API allows 10 requests a second and answers `{"error": ...}` (with a 200) when it is busy. */
class ApiStrategy extends RequestStrategy {
  constructor() {
    super({ concurrent: 4, minTime: 100, maxAttempts: 5, sleep: 50 });
  }

  override retry(_bundle: Bundle, failure: DroverError): boolean {
    return failure instanceof ResponseCheckError;
  }
}

/** Saves JSON answers, refusing (and so retrying) those that carry an `error` field. */
class JsonAnswers extends DownloadStrategy {
  override async onSuccess(response: DroverResponse, bundle: Bundle): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: string };
    if (answer.error !== undefined) throw new ResponseCheckError(`API said: ${answer.error}`, bundle);
    const file = bundle.filePath as string;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(`${file}.part`, JSON.stringify(answer));
    await rename(`${file}.part`, file);
  }
}

/**
 * Names each report after its `id` (`report-q1.pdf`). A name is decided before the request, from the
 * request itself: the coordinator claims the path first, so no two bundles ever write one file.
 */
class ReportNames extends DownloadStrategy {
  override getFilePath(bundle: Bundle): string {
    const id = new URL(bundle.url).searchParams.get('id') ?? 'unnamed';
    return path.join(this.home, `report-${path.basename(id)}.pdf`);
  }
}

const server = await target();
const home = await mkdtemp(path.join(tmpdir(), 'drover-app-'));

const api = new AioDownload({
  requestStrategy: new ApiStrategy(),
  downloadStrategy: new JsonAnswers({ home: path.join(home, 'api') }),
});
const run = Date.now();
const answers = await swarm(
  ['a', 'b', 'c'].map((id) => `${server.url}/json-error?key=${run}-${id}&fail=${id === 'b' ? 2 : 0}`),
  api,
);
for (const bundle of answers)
  console.log(`api ${bundle.status} after ${bundle.attempts} attempt(s): ${bundle.url}`);
await api.close();

const files = new AioDownload({ downloadStrategy: new ReportNames({ home: path.join(home, 'files') }) });
const reports = await swarm(
  ['q1', 'q2'].map((q) => `${server.url}/files/report?id=${q}&size=2048&filename=report-${q}.pdf`),
  files,
);
await files.close();
console.log(`files: ${(await readdir(path.join(home, 'files'))).sort().join(', ')}`);

await server.close();
const ok = [...answers, ...reports].every((bundle) => bundle.status === 'written');
process.exitCode = ok && answers[1]?.attempts === 3 ? 0 : 1;
