import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent, listFiles } from '@drover/testkit';
import { type DownloadResult, DroverQueue, type EnqueuedJob } from '../src/index.js';
import { queueName, spawnWorker, tempDir, useServers, waitFor } from './helpers.js';

const COUNT = 5_000;
const CONCURRENCY = 32;

/** Mostly small files; every 100th is 256 KiB, so a kill is likely to cut one short. */
function sizeOf(index: number): number {
  return index % 100 === 0 ? 262_144 : 256 + (index % 7) * 500;
}

/** Every URL written to its final path, by which worker, from the workers' logs. */
async function writtenLog(files: readonly string[]): Promise<string[]> {
  const texts = await Promise.all(files.map((file) => readFile(file, 'utf8').catch(() => '')));
  return texts.flatMap((text) => text.split('\n').filter((line) => line !== ''));
}

describe('a worker killed mid-run', { timeout: 120_000 }, () => {
  const servers = useServers();

  it(`loses nothing: ${COUNT} URLs through 3 worker processes, one SIGKILLed`, async (t) => {
    const root = await tempDir(t);
    const home = path.join(root, 'files');
    const target = { redis: servers.redis.url, queue: queueName() };
    const logs = [0, 1, 2].map((i) => path.join(root, `written-${i}.log`));
    const workers = await Promise.all(
      logs.map((log) =>
        spawnWorker(t, {
          ...target,
          home,
          log,
          concurrency: CONCURRENCY,
          lockDuration: 4_000,
          stalledInterval: 1_000,
        }),
      ),
    );
    const queue = new DroverQueue(target);
    t.after(() => queue.close());
    const urls = Array.from(
      { length: COUNT },
      (_, i) => `${servers.http.url}/files/crash/${i}.bin?size=${sizeOf(i)}`,
    );
    const jobs: EnqueuedJob[] = [];
    assert.deepEqual(await queue.enqueue(urls, { onJob: (job) => jobs.push(job) }), {
      added: COUNT,
      duplicates: 0,
    });

    const results: DownloadResult[] = [];
    const following = (async () => {
      for await (const result of queue.follow(jobs, { interval: 1_000 })) results.push(result);
    })();
    await waitFor(() => results.length >= COUNT / 4, 60_000);
    const victim = workers[0];
    victim?.child.kill('SIGKILL');
    assert.equal(await victim?.exited, 'SIGKILL');
    await following;

    assert.equal(results.length, COUNT, 'a result for every URL');
    const byUrl = new Map(results.map((result) => [result.url, result]));
    assert.equal(byUrl.size, COUNT);
    const written = await writtenLog(logs);
    const writtenOnce = new Set(written);
    assert.equal(writtenOnce.size, written.length, 'no file written twice to its final path');
    for (const [index, url] of urls.entries()) {
      const result = byUrl.get(url);
      assert.ok(
        result?.status === 'written' || result?.status === 'cached',
        `${url}: ${JSON.stringify(result)}`,
      );
      if (result.status === 'written')
        assert.ok(writtenOnce.has(url) || result.worker.endsWith(`:${victim?.child.pid}`));
      const size = sizeOf(index);
      assert.equal(result.size, size);
      const content = await readFile(result.path as string);
      assert.ok(content.equals(fileContent(new URL(url).pathname, size)), `${url}: content`);
    }
    const leftovers = (await listFiles(home)).filter((file) => file.includes('.part'));
    assert.deepEqual(leftovers, [], 'no part file left behind');
    const requests = servers.http.requests('/files/crash/').length;
    assert.ok(
      requests <= COUNT + CONCURRENCY,
      `${requests} requests: only those cut short by the kill repeat`,
    );
    const counts = await queue.counts();
    assert.equal(counts.completed, COUNT);
    assert.equal(counts.workerFailed, 0);
  });
});
