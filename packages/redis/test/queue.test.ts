import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { AioDownload, BackOff, DownloadStrategy } from '@drover/core';
import { fileContent } from '@drover/testkit';
import { type DownloadResult, DroverQueue, type EnqueuedJob, startWorker } from '../src/index.js';
import { queueName, tempDir, useServers, waitFor } from './helpers.js';

async function collect(queue: DroverQueue, jobs: EnqueuedJob[]): Promise<DownloadResult[]> {
  const results: DownloadResult[] = [];
  for await (const result of queue.follow(jobs, { interval: 50 })) results.push(result);
  return results.sort((a, b) => a.url.localeCompare(b.url));
}

describe('queue and worker in one process', { timeout: 60_000 }, () => {
  const servers = useServers();

  it('downloads, stores results, dedupes, counts', async (t) => {
    const home = await tempDir(t);
    const target = { redis: servers.redis.url, queue: queueName() };
    const queue = new DroverQueue(target);
    const download = new AioDownload({
      requestStrategy: new BackOff({ maxAttempts: 2, sleep: 10 }),
      downloadStrategy: new DownloadStrategy({ home, skipCached: true }),
    });
    const worker = startWorker({ ...target, download, concurrency: 4 });
    t.after(async () => {
      await worker.close();
      await download.close();
      await queue.close();
    });
    const base = servers.http.url;
    const urls = [
      ...Array.from({ length: 20 }, (_, i) => `${base}/files/q/${i}.bin?size=${1000 + i}`),
      `${base}/status/404`,
    ];
    const jobs: EnqueuedJob[] = [];
    const first = await queue.enqueue([...urls, urls[0] as string], { onJob: (job) => jobs.push(job) });
    assert.deepEqual(first, { added: 21, duplicates: 1 });
    const again = await queue.enqueue(urls.slice(0, 5));
    assert.deepEqual(again, { added: 0, duplicates: 5 });
    const keyed = await queue.enqueue([{ url: urls[1] as string, key: 'other' }]);
    assert.deepEqual(keyed, { added: 1, duplicates: 0 });

    const results = await collect(queue, jobs.slice(0, 21));
    assert.equal(results.length, 21);
    const failed = results.filter((result) => result.status === 'failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]?.httpStatus, 404);
    assert.equal(failed[0]?.error?.code, 'ERR_DROVER_HTTP_STATUS');
    assert.equal(failed[0]?.attempts, 1, 'a 404 is not retried, and is a result, not a failed job');
    for (const result of results.filter((r) => r.status !== 'failed')) {
      const size = Number(new URL(result.url).searchParams.get('size'));
      assert.equal(result.size, size);
      assert.deepEqual(
        await readFile(result.path as string),
        fileContent(new URL(result.url).pathname, size),
      );
    }
    await waitFor(async () => (await queue.counts()).completed === 22);
    const counts = await queue.counts();
    assert.equal(counts.waiting + counts.active + counts.delayed + counts.workerFailed, 0);
    assert.equal(counts.written + counts.cached, 21);
    assert.equal(counts.failed, 1);
    const stored = [];
    for await (const result of queue.results(7)) stored.push(result);
    assert.equal(stored.length, 22);
  });

  it('refuses an out path that leaves the download folder, as a failed result', async (t) => {
    const home = await tempDir(t);
    const target = { redis: servers.redis.url, queue: queueName() };
    const queue = new DroverQueue(target);
    const download = new AioDownload({ downloadStrategy: new DownloadStrategy({ home }) });
    const worker = startWorker({ ...target, download });
    t.after(async () => {
      await worker.close();
      await download.close();
      await queue.close();
    });
    const jobs: EnqueuedJob[] = [];
    const url = `${servers.http.url}/files/out.bin?size=10`;
    await queue.enqueue(
      [
        { url, out: '../escape.bin', key: 'escape' },
        { url, out: 'named/file.bin', key: 'named' },
      ],
      { onJob: (job) => jobs.push(job) },
    );
    const results = await collect(queue, jobs);
    const escaping = results.find((result) => result.key === 'escape');
    assert.equal(escaping?.status, 'failed');
    assert.equal(escaping?.error?.code, 'ERR_DROVER_INVALID_REQUEST');
    const named = results.find((result) => result.key === 'named');
    assert.equal(named?.status, 'written');
    assert.equal(named?.path, path.join(home, 'named', 'file.bin'));
  });
});
