// The drover contenders, `drover` on the undici transport and `drover-axios` on axios (DROVER_TRANSPORT):
// AioDownload with the base RequestStrategy (no retries), driven by swarm, one or each;
// `drover-per-host` is `drover` with `limitPerHost` equal to the concurrency.
import { AioDownload, type Bundle, DownloadStrategy, each, one, RequestStrategy, swarm } from '@drover/core';
import { readJob, startMeasuring } from '../job.js';
import { urlOf } from '../url-set.js';

const job = readJob(process.argv);
const download = new AioDownload({
  requestStrategy: new RequestStrategy({
    concurrent: job.concurrency,
    // `drover-per-host`: the per-host limit every real crawl sets, here as large as the concurrency.
    limitPerHost: process.env.DROVER_BENCH_PER_HOST === '1' ? job.concurrency : Infinity,
    timeout: 600_000,
  }),
  downloadStrategy: new DownloadStrategy({ home: job.outDir }),
});

function* indexes(): Generator<number> {
  for (let index = 0; index < job.count; index++) yield index;
}

let ok = 0;
let failed = 0;
let firstError: string | undefined;
const tally = (bundle: Bundle) => {
  if (bundle.status === 'written') ok++;
  else {
    failed++;
    firstError ??= bundle.error?.message ?? bundle.status;
  }
};

const urls = job.droverMode === 'swarm' ? Array.from(indexes(), (index) => urlOf(job.urls, index)) : [];
const done = await startMeasuring();
if (job.droverMode === 'one') {
  tally(await one(urlOf(job.urls, 0), download));
} else if (job.droverMode === 'swarm') {
  for (const bundle of await swarm(urls, download)) tally(bundle);
} else {
  for await (const bundle of each(indexes(), (index) => urlOf(job.urls, index), download)) tally(bundle);
}
await done(ok, failed, firstError);
await download.close();
