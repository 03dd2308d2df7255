import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackOff, Bundle, each, one, RequestStrategy, swarm } from '@drover/core';
import { coordinator, tempHome, uniqueKey, useServer } from './helpers.js';

// Issue #10, case 9: running a finished bundle again starts afresh, the same way everywhere.
describe('finished bundles run again', () => {
  const kit = useServer();

  async function failedOnce(t: { after(fn: () => Promise<void>): void }) {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ maxAttempts: 2, sleep: 10 }));
    const key = uniqueKey('rerun');
    // Fails twice (both attempts of the first run), then serves the file.
    const bundle = new Bundle(`${kit.url}/flaky/${key}?fail=2&size=100`);
    await download.main(bundle);
    assert.equal(bundle.status, 'failed');
    assert.equal(bundle.attempts, 2);
    return { download, bundle, key };
  }

  it('main: attempts, history and error start over', async (t) => {
    const { download, bundle, key } = await failedOnce(t);
    await download.main(bundle);
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.attempts, 1);
    assert.equal(bundle.history.length, 1);
    assert.equal(bundle.error, undefined);
    assert.equal(kit.server.hits(key), 3);
  });

  it('swarm over the failed ones requests them again', async (t) => {
    const { download, bundle, key } = await failedOnce(t);
    const again = await swarm(
      [bundle].filter((b) => b.status === 'failed'),
      download,
    );
    assert.equal(again[0], bundle);
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.attempts, 1);
    assert.equal(kit.server.hits(key), 3);
  });

  it('each and one do the same', async (t) => {
    const { download, bundle, key } = await failedOnce(t);
    const seen: Bundle[] = [];
    for await (const done of each([bundle], undefined, download)) seen.push(done);
    assert.equal(seen[0]?.status, 'written');
    assert.equal(bundle.attempts, 1);
    const written = await one(bundle, download);
    assert.equal(written.status, 'written');
    assert.equal(written.attempts, 1, 'a written bundle run again is a new download');
    assert.equal(kit.server.hits(key), 4);
  });

  it('requestAndDownload resets too', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy());
    const bundle = new Bundle(`${kit.url}/files/${uniqueKey('rad')}.bin?size=10`);
    await download.requestAndDownload(bundle);
    await download.requestAndDownload(bundle);
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.attempts, 1);
  });
});
