// A RequestStrategy subclass, as in aiodownload's example: retry only 400 Bad Request, with random
// sleeps. Everything else (attempt limit, timeouts, concurrency) keeps working.
// Run: pnpm example examples/custom-request-strategy.ts [BASE_URL]
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  AioDownload,
  type Bundle,
  DownloadStrategy,
  type DroverError,
  HttpError,
  RequestStrategy,
  swarm,
} from '@drover/core';
import { target } from './support/local-server.js';

class RetryBadRequests extends RequestStrategy {
  override retry(_bundle: Bundle, failure: DroverError): boolean {
    return failure instanceof HttpError && failure.status === 400;
  }

  override getSleepTime(): number {
    return Math.random() * 50;
  }
}

const server = await target();
const home = await mkdtemp(path.join(tmpdir(), 'drover-retry-400-'));
const download = new AioDownload({
  requestStrategy: new RetryBadRequests({ maxAttempts: 4 }),
  downloadStrategy: new DownloadStrategy({ home }),
});
download.on('retry', ({ bundle, error, delay }) =>
  console.log(`retrying ${bundle.url} after ${error.message} in ${delay.toFixed(0)} ms`),
);

const run = Date.now();
const bundles = await swarm(
  [`${server.url}/flaky/demo-${run}?fail=2&status=400&size=512`, `${server.url}/status/500`],
  download,
);
for (const bundle of bundles) console.log(bundle.statusMsg);

await download.close();
await server.close();
// The first recovers after two 400s; the 500 is not retried by this strategy.
const [first, second] = bundles;
process.exitCode = first?.status === 'written' && first.attempts === 3 && second?.attempts === 1 ? 0 : 1;
