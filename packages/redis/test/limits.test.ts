import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { AioDownload, DownloadStrategy, one } from '@drover/core';
import { createRedisLimits, DroverQueue, type EnqueuedJob } from '../src/index.js';
import { queueName, spawnWorker, tempDir, useServers } from './helpers.js';

const PAUSE_HOST = fileURLToPath(new URL('./fixtures/pause-host.ts', import.meta.url));

describe('shared limits across processes', { timeout: 90_000 }, () => {
  const servers = useServers();

  it('3 worker processes keep a per-host limit of 2 between them', async (t) => {
    const home = await tempDir(t);
    const target = { redis: servers.redis.url, queue: queueName() };
    const config = { ...target, home, concurrency: 4, limitsId: target.queue, limitPerHost: 2 };
    await Promise.all([1, 2, 3].map(() => spawnWorker(t, config)));
    const queue = new DroverQueue(target);
    t.after(() => queue.close());
    const jobs: EnqueuedJob[] = [];
    const urls = Array.from(
      { length: 24 },
      (_, i) => `${servers.http.url}/files/limit/${i}.bin?size=2000&delay=150`,
    );
    await queue.enqueue(urls, { onJob: (job) => jobs.push(job) });
    const statuses: string[] = [];
    for await (const result of queue.follow(jobs, { interval: 50 })) statuses.push(result.status);
    assert.deepEqual(statuses, Array(24).fill('written'));
    assert.equal(servers.http.inFlight('/files/limit/').max, 2);
    assert.equal(servers.http.requests('/files/limit/').length, 24);
  });

  it('a host paused in one process is paused in the others, and for those that start later', async (t) => {
    const home = await tempDir(t);
    const id = queueName();
    const url = `${servers.http.url}/files/paused.bin?size=10`;
    const origin = new URL(url).origin;
    const before = await createRedisLimits({ redis: servers.redis.url, id });
    const pausedAt = Date.now();
    await promisify(execFile)(process.execPath, [
      '--import',
      import.meta.resolve('tsx'),
      '--conditions=source',
      PAUSE_HOST,
      servers.redis.url,
      id,
      origin,
      '2000',
    ]);
    const later = await createRedisLimits({ redis: servers.redis.url, id });
    try {
      const left = 2000 - (Date.now() - pausedAt);
      for (const shared of [before, later]) {
        assert.ok(shared.cooldowns.remaining(origin) > 0, 'the pause reached this process');
        assert.ok(shared.cooldowns.remaining(origin) <= 2000);
      }
      assert.equal(before.cooldowns.remaining('http://other.example'), 0);
      const download = new AioDownload({
        limiter: later.limiter,
        cooldowns: later.cooldowns,
        downloadStrategy: new DownloadStrategy({ home }),
      });
      const bundle = await one(url, download);
      await download.close();
      assert.equal(bundle.status, 'written');
      const requested = servers.http.requests('/files/paused.bin')[0]?.time ?? 0;
      assert.ok(requested >= pausedAt + left - 100, `requested ${requested - pausedAt} ms after the pause`);
    } finally {
      await Promise.all([before.close(), later.close()]);
    }
  });
});
