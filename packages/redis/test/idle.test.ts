import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { AioDownload, DownloadStrategy, one, RequestStrategy } from '@drover/core';
import { createRedisLimits } from '../src/index.js';
import { queueName, tempDir, useServers } from './helpers.js';

// Issue #14, case 1: the idle clean-up disconnected a limiter with `disconnect(false).catch(…)`,
// which throws with a shared connection (Bottleneck returns no promise): the worker died ~301 s after
// its last request to a host. With `idleAfter` short, the clean-up runs within seconds.
describe('a host limiter dropped when idle', { timeout: 60_000 }, () => {
  const servers = useServers();

  it('is let go without a crash, and the host works again afterwards', async (t) => {
    const failures: unknown[] = [];
    const record = (error: unknown) => failures.push(error);
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
    t.after(() => {
      process.off('unhandledRejection', record);
      process.off('uncaughtException', record);
    });
    const shared = await createRedisLimits({
      redis: servers.redis.url,
      id: queueName(),
      limits: { limitPerHost: 2 },
      idleAfter: 200,
    });
    t.after(() => shared.close());
    const download = new AioDownload({
      requestStrategy: new RequestStrategy(),
      downloadStrategy: new DownloadStrategy({ home: await tempDir(t) }),
      limiter: shared.limiter,
      cooldowns: shared.cooldowns,
    });
    t.after(() => download.close());
    const first = await one(`${servers.http.url}/files/idle/a.bin?size=10`, download);
    assert.equal(first.status, 'written', first.error?.message);
    // The watchdog runs every 1.5 s: two rounds see the host idle past 200 ms and drop its limiter.
    await sleep(3_500);
    const second = await one(`${servers.http.url}/files/idle/b.bin?size=10`, download);
    assert.equal(second.status, 'written', second.error?.message);
    assert.deepEqual(failures, []);
  });
});
