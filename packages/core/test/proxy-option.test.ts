import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AioDownload, DownloadStrategy, one, RequestStrategy, type TransportName } from '@drover/core';
import { startForwardProxy } from '@drover/testkit';
import { tempHome, useServer } from './helpers.js';

/** A forward proxy from the testkit, closed when the test ends. */
async function startProxy(t: { after(fn: () => Promise<void>): void }) {
  const proxy = await startForwardProxy();
  t.after(() => proxy.close());
  return proxy;
}

function setEnvProxy(t: { after(fn: () => void): void }, value: string): void {
  const saved = process.env.HTTP_PROXY;
  process.env.HTTP_PROXY = value;
  t.after(() => {
    if (saved === undefined) delete process.env.HTTP_PROXY;
    else process.env.HTTP_PROXY = saved;
  });
}

describe('AioDownload `proxy`', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('undici: every request goes through the given proxy, in absolute form', async (t) => {
    const proxy = await startProxy(t);
    const download = new AioDownload({
      transport: 'undici',
      proxy: proxy.url,
      requestStrategy: new RequestStrategy({ maxAttempts: 1 }),
      downloadStrategy: new DownloadStrategy({ home: await tempHome(t) }),
    });
    t.after(() => download.close());
    const url = `${kit.url}/files/via-proxy.bin?size=100`;
    const bundle = await one(url, download);
    assert.equal(bundle.status, 'written', bundle.error?.message);
    assert.deepEqual(proxy.seen, [url]);
  });

  for (const transport of ['undici', 'axios'] as const satisfies readonly TransportName[]) {
    it(`${transport}: proxy: false ignores HTTP_PROXY`, async (t) => {
      const proxy = await startProxy(t);
      setEnvProxy(t, proxy.url);
      const download = new AioDownload({
        transport,
        proxy: false,
        requestStrategy: new RequestStrategy({ maxAttempts: 1 }),
        downloadStrategy: new DownloadStrategy({ home: await tempHome(t) }),
      });
      t.after(() => download.close());
      const bundle = await one(`${kit.url}/files/direct-${transport}.bin?size=10`, download);
      assert.equal(bundle.status, 'written', bundle.error?.message);
      assert.deepEqual(proxy.seen, []);
    });
  }

  it('a proxy with the axios transport, or one that is not an http(s) URL, is refused at construction', () => {
    assert.throws(() => new AioDownload({ transport: 'axios', proxy: 'http://127.0.0.1:1' }), /undici' only/);
    assert.throws(
      () => new AioDownload({ transport: 'undici', proxy: 'socks5://127.0.0.1:1' }),
      /http\(s\) URL/,
    );
    assert.throws(() => new AioDownload({ transport: 'undici', proxy: 'not a url' }), /http\(s\) URL/);
  });
});
