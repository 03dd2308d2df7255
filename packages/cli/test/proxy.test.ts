import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent, startForwardProxy } from '@drover/testkit';
import { drover, tempDir, useServer } from './helpers.js';

/** A forward proxy from the testkit, closed when the test ends. */
async function startProxy(t: { after(fn: () => Promise<void>): void }) {
  const proxy = await startForwardProxy();
  t.after(() => proxy.close());
  return proxy;
}

describe('drover --proxy / --no-proxy', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('--proxy URL sends the requests through the proxy', async (t) => {
    const dir = await tempDir(t);
    const proxy = await startProxy(t);
    const url = `${kit.url}/files/proxied.bin?size=100`;
    const result = await drover(['get', '--proxy', proxy.url, url], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(proxy.seen, [url]);
    assert.deepEqual(await readFile(path.join(dir, 'proxied.bin')), fileContent('/files/proxied.bin', 100));
  });

  it('--no-proxy ignores HTTP_PROXY', async (t) => {
    const dir = await tempDir(t);
    const proxy = await startProxy(t);
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxy.url;
    t.after(() => {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    });
    const viaEnv = await drover(['get', `${kit.url}/files/env.bin?size=10`], { cwd: dir });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);
    const direct = await drover(['get', '--no-proxy', `${kit.url}/files/direct.bin?size=10`], { cwd: dir });
    assert.equal(direct.code, 0, direct.stderr);
    assert.deepEqual(
      proxy.seen,
      [`${kit.url}/files/env.bin?size=10`],
      'only the run without --no-proxy used it',
    );
  });

  it('a --proxy that is not an http(s) URL is a usage error (exit 2)', async (t) => {
    const dir = await tempDir(t);
    const result = await drover(['get', '--proxy', 'socks5://127.0.0.1:1', `${kit.url}/files/x.bin`], {
      cwd: dir,
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--proxy expects an http\(s\) URL/);
  });
});
