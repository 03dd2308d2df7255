import { AioDownload, DownloadStrategy, each, RequestStrategy } from '@drover/core';

const [base, countArg, home] = process.argv.slice(2);
const count = Number(countArg);
const download = new AioDownload({
  requestStrategy: new RequestStrategy({ concurrent: 64 }),
  downloadStrategy: new DownloadStrategy({ home }),
});
let peak = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
function* items() {
  for (let i = 0; i < count; i++) yield i;
}
const started = Date.now();
let ok = 0;
for await (const b of each(items(), (i) => `${base}/files/m/${i % 1000}/${i}.bin?size=128`, download))
  if (b.status === 'written') ok++;
(globalThis as { gc?: () => void }).gc?.();
const heap = process.memoryUsage().heapUsed;
clearInterval(timer);
console.log(
  JSON.stringify({
    count,
    ok,
    secs: (Date.now() - started) / 1000,
    peakRssMiB: Math.round(peak / 2 ** 20),
    heapAfterGcMiB: +(heap / 2 ** 20).toFixed(1),
  }),
);
await download.close();
