import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cooldowns, Limiter, RequestStrategy, swarm } from '@drover/core';
import { coordinator, tempHome, uniqueKey, useServer } from './helpers.js';

describe('limits shared between coordinators', () => {
  const kit = useServer();

  it('an injected limiter bounds two coordinators together and is left open by close()', async (t) => {
    kit.server.reset();
    const limiter = new Limiter({ concurrent: 8, limitPerHost: 2, minTime: 0 });
    t.after(() => limiter.close());
    const strategy = new RequestStrategy({ concurrent: 8 });
    const first = coordinator(t, await tempHome(t), strategy, {}, { limiter });
    const second = coordinator(t, await tempHome(t), strategy, {}, { limiter });
    const urls = (tag: string) =>
      Array.from({ length: 6 }, (_, i) => `${kit.url}/files/shared/${tag}${i}.bin?size=100&delay=40`);
    const [a, b] = await Promise.all([swarm(urls('a'), first), swarm(urls('b'), second)]);
    assert.ok([...a, ...b].every((bundle) => bundle.status === 'written'));
    assert.equal(kit.server.inFlight('/files/shared/').max, 2);
    await first.close();
    const again = await limiter.schedule('x', async () => 'still open');
    assert.equal(again, 'still open');
  });

  it('an injected cooldown store pauses a host for a coordinator that never saw the 429', async (t) => {
    kit.server.reset();
    const cooldowns = new Cooldowns();
    const strategy = new RequestStrategy({ concurrent: 2 });
    const seeing = coordinator(t, await tempHome(t), strategy, {}, { cooldowns });
    const other = coordinator(t, await tempHome(t), strategy, {}, { cooldowns });
    const [limited] = await swarm([`${kit.url}/retry-after/${uniqueKey('sh')}?fail=1&seconds=1`], seeing);
    assert.equal(limited?.status, 'failed');
    const [later] = await swarm([`${kit.url}/files/shared-cool.bin?size=10`], other);
    assert.equal(later?.status, 'written');
    assert.ok(cooldowns.remaining(new URL(kit.url).origin) === 0);
    // The 429 said one second; the coordinator that never saw it waited that second out.
    const log = kit.server.requests('/');
    const refused = log.find((entry) => entry.path.startsWith('/retry-after/'));
    const served = log.find((entry) => entry.path.startsWith('/files/shared-cool'));
    assert.ok(refused !== undefined && served !== undefined);
    assert.ok(served.time - refused.time >= 950, `${served.time - refused.time} ms after the 429`);
  });
});
