import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  AioDownload,
  Bundle,
  DownloadStrategy,
  type DroverRequest,
  one,
  RequestStrategy,
  swarm,
  type TransportName,
} from '@drover/core';
import { startForwardProxy } from '@drover/testkit';
import axios from 'axios';
import { coordinator, tempHome, useServer } from './helpers.js';

const TRANSPORTS: readonly TransportName[] = ['axios', 'undici'];

interface Echo {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A strategy whose request carries a query, Basic auth and a JSON body, through drover's own request. */
class ApiStrategy extends RequestStrategy {
  override request(bundle: Bundle): DroverRequest {
    const base = super.request(bundle);
    const url = new URL(base.url);
    url.search = 'q=drover&tag%5B%5D=a&tag%5B%5D=b';
    const authorization = `Basic ${Buffer.from('ann:s3cret').toString('base64')}`;
    return { ...base, url: url.href, headers: { ...base.headers, authorization }, body: { hello: 'world' } };
  }
}

/** A forward proxy from the testkit, closed when the test ends. */
async function startProxy(t: { after(fn: () => Promise<void>): void }) {
  const proxy = await startForwardProxy();
  t.after(() => proxy.close());
  return proxy;
}

describe('transports', () => {
  const kit = useServer();

  for (const transport of TRANSPORTS) {
    it(`${transport}: sends params, auth and a JSON body the way axios does`, async (t) => {
      const home = await tempHome(t);
      const download = coordinator(t, home, new ApiStrategy(), {}, { transport });
      assert.equal(download.transport, transport);
      const bundle = await one(
        new Bundle(`${kit.url}/echo`, { method: 'POST', filePath: 'echo.json' }),
        download,
      );
      assert.equal(bundle.status, 'written', bundle.error?.message);
      const echo = JSON.parse(await readFile(bundle.filePath as string, 'utf8')) as Echo;
      assert.equal(echo.method, 'POST');
      assert.equal(echo.path, '/echo?q=drover&tag%5B%5D=a&tag%5B%5D=b');
      assert.equal(echo.headers.authorization, `Basic ${Buffer.from('ann:s3cret').toString('base64')}`);
      assert.match(echo.headers['content-type'] ?? '', /^application\/json/);
      assert.deepEqual(JSON.parse(echo.body), { hello: 'world' });
    });

    it(`${transport}: a 303 after a POST becomes a GET without the body; a 307 repeats the POST`, async (t) => {
      const home = await tempHome(t);
      const download = coordinator(
        t,
        home,
        new RequestStrategy({ retryNonIdempotent: true }),
        {},
        { transport },
      );
      const to = encodeURIComponent(`${kit.url}/echo`);
      const [seeOther, temporary] = await swarm(
        [
          new Bundle(`${kit.url}/redirect-to?url=${to}&status=303`, {
            method: 'POST',
            data: 'x=1',
            filePath: 'a',
          }),
          new Bundle(`${kit.url}/redirect-to?url=${to}&status=307`, {
            method: 'POST',
            data: 'x=1',
            filePath: 'b',
          }),
        ],
        download,
      );
      const first = JSON.parse(await readFile(seeOther?.filePath as string, 'utf8')) as Echo;
      const second = JSON.parse(await readFile(temporary?.filePath as string, 'utf8')) as Echo;
      assert.deepEqual([first.method, first.body], ['GET', '']);
      assert.deepEqual([second.method, second.body], ['POST', 'x=1']);
      assert.equal(seeOther?.finalUrl, `${kit.url}/echo`);
    });

    it(`${transport}: HTTP_PROXY is honoured`, async (t) => {
      const proxy = await startProxy(t);
      const saved = process.env.HTTP_PROXY;
      process.env.HTTP_PROXY = proxy.url;
      t.after(() => {
        if (saved === undefined) delete process.env.HTTP_PROXY;
        else process.env.HTTP_PROXY = saved;
      });
      const download = coordinator(t, await tempHome(t), new RequestStrategy(), {}, { transport });
      const bundle = await one(`${kit.url}/files/proxied.bin?size=100`, download);
      assert.equal(bundle.status, 'written', bundle.error?.message);
      assert.deepEqual(proxy.seen, [`${kit.url}/files/proxied.bin?size=100`]);
    });
  }

  it('an axios client means the axios transport; asking for undici with one is an error', () => {
    const client = axios.create();
    const download = new AioDownload({ client, downloadStrategy: new DownloadStrategy() });
    assert.equal(download.transport, 'axios');
    assert.equal(download.client, client);
    assert.equal(new AioDownload().client, undefined, 'drover keeps its own clients to itself');
    assert.throws(
      () => new AioDownload({ client, transport: 'undici' }),
      /cannot be used with transport 'undici'/,
    );
    assert.throws(
      () => new AioDownload({ transport: 'curl' as TransportName }),
      /transport must be 'axios' or 'undici'/,
    );
  });

  it('the default transport is undici, or DROVER_TRANSPORT', async (t) => {
    const saved = process.env.DROVER_TRANSPORT;
    t.after(() => {
      if (saved === undefined) delete process.env.DROVER_TRANSPORT;
      else process.env.DROVER_TRANSPORT = saved;
    });
    delete process.env.DROVER_TRANSPORT;
    const plain = new AioDownload();
    t.after(() => plain.close());
    assert.equal(plain.transport, 'undici');
    process.env.DROVER_TRANSPORT = 'axios';
    const chosen = new AioDownload();
    t.after(() => chosen.close());
    assert.equal(chosen.transport, 'axios');
  });
});
