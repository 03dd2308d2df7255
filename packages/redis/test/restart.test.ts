import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileContent } from '@drover/testkit';
import { type DownloadResult, DroverQueue, type EnqueuedJob } from '../src/index.js';
import { queueName, spawnWorker, tempDir, useServers, waitFor } from './helpers.js';

const COUNT = 300;

describe('Redis restarted during a run', { timeout: 90_000 }, () => {
  // Append-only with an fsync per write: what a Redis behind BullMQ should run with.
  const servers = useServers({ appendOnly: true });

  it('workers and the follower reconnect; nothing is lost, the shared per-host limit holds', async (t) => {
    const home = await tempDir(t);
    const target = { redis: servers.redis.url, queue: queueName() };
    const config = {
      ...target,
      home,
      concurrency: 8,
      limitsId: target.queue,
      limitPerHost: 4,
      // Small, so that what a restart can strand (a limiter slot whose release was lost, a job
      // fetched but never seen) comes back within the test: slots after the expiration, jobs after
      // the lock and the next stalled check.
      expiration: 5_000,
      lockDuration: 5_000,
      stalledInterval: 1_000,
    };
    await Promise.all([spawnWorker(t, config), spawnWorker(t, config)]);
    const queue = new DroverQueue(target);
    t.after(() => queue.close());
    const urls = Array.from(
      { length: COUNT },
      (_, i) => `${servers.http.url}/files/restart/${i}.bin?size=2048&delay=20`,
    );
    const jobs: EnqueuedJob[] = [];
    await queue.enqueue(urls, { onJob: (job) => jobs.push(job) });
    const results: DownloadResult[] = [];
    const following = (async () => {
      for await (const result of queue.follow(jobs, { interval: 100 })) results.push(result);
    })();
    await waitFor(() => results.length >= COUNT / 4, 60_000);
    // The harsh case: killed mid-command, so some replies are lost and ioredis resends those commands.
    await servers.redis.kill('SIGKILL');
    const before = results.length;
    await sleep(1_000);
    await servers.redis.restart();
    await following;

    assert.ok(before < COUNT, 'Redis went down mid-run');
    assert.equal(results.length, COUNT);
    for (const result of results) {
      assert.equal(result.status, 'written', JSON.stringify(result));
      const content = await readFile(result.path as string);
      assert.ok(content.equals(fileContent(new URL(result.url).pathname, 2048)));
    }
    assert.ok(servers.http.inFlight('/files/restart/').max <= 4);
    assert.equal(new Set(results.map((result) => result.url)).size, COUNT);
  });
});
