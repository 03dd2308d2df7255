import assert from 'node:assert/strict';
import { once } from 'node:events';
import { stat } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { each, RequestStrategy } from '@drover/core';
import { coordinator, tempHome, useServer } from './helpers.js';

/** Let every callback already queued run (promise reactions first, then this macrotask). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

// A consumer that takes its time over one bundle lets the others finish meanwhile; `each` must then
// read more input instead of waiting for a bundle that is no longer running (issue #10: `drover check`
// exited 13 after 17 of 20 URLs against nginx).
describe('each refills after a slow consumer', { timeout: 10_000 }, () => {
  const kit = useServer();

  it('reads the rest of the input when every started bundle finished during one yield', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 1 }), {}, { lookAhead: 1 });
    const urls = [0, 1, 2, 3].map((i) => `${kit.url}/files/refill/${i}.bin?size=10`);
    const seen: string[] = [];
    for await (const bundle of each(urls, undefined, download)) {
      seen.push(bundle.url);
      if (seen.length === 1) {
        // Hold the first yield until the bundle started after it has finished and been queued.
        await once(download, 'done');
        await settle();
      }
    }
    assert.deepEqual(seen, urls);
    assert.equal(kit.server.requests('/files/refill/').length, 4);
  });

  it('finishes every item when the consumer awaits the disk after each bundle, as drover check does', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 2 }), {}, { lookAhead: 2 });
    const urls = Array.from({ length: 20 }, (_, i) => `${kit.url}/files/refill-many/${i}.bin?size=10`);
    let count = 0;
    for await (const bundle of each(urls, undefined, download)) {
      assert.equal(bundle.status, 'written');
      await stat(bundle.filePath as string);
      count++;
    }
    assert.equal(count, 20);
  });
});
