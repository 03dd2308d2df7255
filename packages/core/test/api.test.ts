import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { AioDownload, Bundle, DownloadStrategy, each, one, RequestStrategy, swarm } from '@drover/core';
import { fileContent } from '@drover/testkit';
import { coordinator, listFiles, tempHome, useServer } from './helpers.js';

describe('one / swarm / each', () => {
  const kit = useServer();

  it('one writes a file and returns its bundle', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(
      `${kit.url}/files/one.bin?size=3000`,
      coordinator(t, home, new RequestStrategy()),
    );
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.attempts, 1);
    assert.equal(bundle.httpStatus, 200);
    assert.equal(bundle.bytes, 3000);
    assert.deepEqual(await readFile(bundle.filePath as string), fileContent('/files/one.bin', 3000));
    assert.equal(
      bundle.statusMsg,
      `[URL: ${bundle.url}, File Path: ${bundle.filePath}, Attempts: 1, Status: written]`,
    );
  });

  it('one works without a coordinator (default Lenient, cwd) and accepts a Bundle', async (t) => {
    const home = await tempHome(t);
    const previous = process.cwd();
    process.chdir(home);
    t.after(() => process.chdir(previous));
    const bundle = await one(new Bundle(`${kit.url}/files/default.bin?size=10`, { info: { id: 1 } }));
    assert.equal(bundle.status, 'written');
    assert.deepEqual(bundle.info, { id: 1 });
    assert.ok(bundle.filePath?.startsWith(home));
  });

  it('swarm keeps input order, and one bad item does not sink the batch', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 4 }));
    const urls = [
      `${kit.url}/files/s/slow.bin?size=10&delay=150`,
      'not a url',
      `${kit.url}/status/500`,
      `${kit.url}/files/s/fast.bin?size=10`,
      'ftp://127.0.0.1/x',
      new URL(`${kit.url}/files/s/url.bin?size=5`),
    ];
    const bundles = await swarm(urls, download);
    assert.deepEqual(
      bundles.map((bundle) => bundle.url),
      urls.map(String),
    );
    assert.deepEqual(
      bundles.map((bundle) => bundle.status),
      ['written', 'failed', 'failed', 'written', 'failed', 'written'],
    );
    assert.equal(bundles[1]?.error?.code, 'ERR_DROVER_INVALID_URL');
    assert.equal(bundles[1]?.attempts, 0);
    assert.equal(bundles[2]?.error?.code, 'ERR_DROVER_HTTP_STATUS');
    assert.equal(bundles[4]?.error?.code, 'ERR_DROVER_INVALID_URL');
  });

  it('swarm of nothing is an empty list', async (t) => {
    const home = await tempHome(t);
    assert.deepEqual(await swarm([], coordinator(t, home, new RequestStrategy())), []);
  });

  it('each yields in completion order and maps items with urlMap', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 3 }));
    const items = [
      { id: 'a', delay: 300 },
      { id: 'b', delay: 0 },
      { id: 'c', delay: 120 },
    ];
    const order: string[] = [];
    for await (const bundle of each(
      items,
      (item) => new Bundle(`${kit.url}/files/e/${item.id}?size=10&delay=${item.delay}`, { info: item }),
      download,
    )) {
      order.push((bundle.info as { id: string }).id);
      assert.equal(bundle.status, 'written');
    }
    assert.deepEqual(order, ['b', 'c', 'a']);
  });

  it('each reads its input lazily, with bounded look-ahead', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new RequestStrategy({ concurrent: 2 }),
      downloadStrategy: new DownloadStrategy({ home }),
      lookAhead: 4,
    });
    t.after(() => download.close());
    let pulled = 0;
    function* endless() {
      for (let i = 0; i < 1_000_000; i++) {
        pulled++;
        yield `${kit.url}/files/lazy/${i}?size=1`;
      }
    }
    let seen = 0;
    for await (const bundle of each(endless(), undefined, download)) {
      assert.equal(bundle.status, 'written');
      if (++seen === 10) break;
    }
    assert.ok(pulled <= 10 + 4 + 1, `pulled ${pulled} items for 10 results`);
  });

  it('each accepts an async iterable and a urlMap that throws for one item', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 2 }));
    async function* ids() {
      for (const id of [1, 2, 3]) yield id;
    }
    const results = new Map<string, string>();
    for await (const bundle of each(
      ids(),
      (id) => {
        if (id === 2) throw new Error('no URL for 2');
        return `${kit.url}/files/async/${id}?size=1`;
      },
      download,
    )) {
      results.set(bundle.url, bundle.status);
    }
    assert.equal(results.size, 3);
    assert.equal([...results.values()].filter((status) => status === 'written').length, 2);
    assert.equal(results.get('2'), 'failed');
  });

  it('leaving each early waits for started bundles, leaving no .part files', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 4 }));
    const urls = Array.from(
      { length: 8 },
      (_, i) => `${kit.url}/files/early/${i}?size=20000&delay=${i * 30}`,
    );
    for await (const _bundle of each(urls, undefined, download)) break;
    const files = await listFiles(home);
    assert.ok(
      files.every((file) => !file.endsWith('.part')),
      files.join(','),
    );
  });
});
