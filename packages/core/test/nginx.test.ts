import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BackOff, Bundle, HttpError, one, RedirectError, RequestStrategy, swarm } from '@drover/core';
import { type NginxHandle, startNginx } from '@drover/testkit';
import { coordinator, listFiles, tempHome } from './helpers.js';

// The integrity cases that matter, against a server nobody here wrote (issue #10).
describe('against nginx', { timeout: 60_000 }, () => {
  let nginx: NginxHandle | undefined;
  let root = '';
  const big = Buffer.alloc(150_000, 3);
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'drover-core-nginx-'));
    await writeFile(path.join(root, 'big.bin'), big);
    for (let i = 0; i < 30; i++) await writeFile(path.join(root, `s${i}.bin`), Buffer.alloc(1000 + i, i));
    nginx = await startNginx({
      root,
      locations: {
        '= /moved': 'return 302 /big.bin;',
        '= /no-location': 'return 302;',
      },
    });
  });
  after(async () => {
    await nginx?.close();
    await rm(root, { recursive: true, force: true });
  });
  const url = (name: string) => `${nginx?.url}/${name}`;
  const served = async () => (nginx === undefined ? [] : await nginx.requests());

  it('304 to the caller’s own If-None-Match keeps the good file (nginx’s ETag)', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ maxAttempts: 3, sleep: 10 }), { skipCached: false });
    const first = await one(url('big.bin'), download);
    assert.equal(first.status, 'written');
    const etag = await etagOf(url('big.bin'));
    assert.match(etag, /^"/);
    const again = new Bundle(url('big.bin'), { headers: { 'If-None-Match': etag } });
    await one(again, download);
    assert.equal(again.httpStatus, 304);
    assert.equal(again.status, 'cached');
    assert.deepEqual(await readFile(first.filePath as string), big);
  });

  it('skipCached + revalidate asks nginx with the recorded validators and keeps the file on 304', async (t) => {
    const home = await tempHome(t);
    const options = { skipCached: true, revalidate: true };
    const first = await one(url('s1.bin'), coordinator(t, home, new RequestStrategy(), options));
    assert.equal(first.status, 'written');
    const second = await one(url('s1.bin'), coordinator(t, home, new RequestStrategy(), options));
    assert.equal(second.httpStatus, 304);
    assert.equal(second.status, 'cached');
    assert.deepEqual(await readFile(second.filePath as string), Buffer.alloc(1001, 1));
  });

  it('a 302 not followed, and one without Location, never become files', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ maxAttempts: 3, sleep: 10, maxRedirects: 0 }));
    const [moved, bare] = await swarm([url('moved'), url('no-location')], download);
    assert.ok(moved?.error instanceof RedirectError);
    assert.ok(bare?.error instanceof RedirectError);
    assert.equal(moved.attempts, 1);
    assert.deepEqual(await listFiles(home), []);
  });

  it('HEAD requests and a 404 give typed results; nothing written for the 404', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy());
    const head = await one(new Bundle(url('s2.bin'), { method: 'HEAD' }), download);
    assert.equal(head.status, 'written');
    assert.equal(head.bytes, 0);
    const missing = await one(url('missing.bin'), download);
    assert.ok(missing.error instanceof HttpError);
    assert.equal(missing.error.status, 404);
    assert.equal(missing.error.transient, false);
  });

  it('keep-alive: 30 small files over a handful of connections, every file intact', async (t) => {
    const home = await tempHome(t);
    const before = (await served()).length;
    const names = Array.from({ length: 30 }, (_, i) => `s${i}.bin`);
    const bundles = await swarm(
      names.map((name) => url(name)),
      coordinator(t, home, new RequestStrategy({ concurrent: 4 })),
    );
    assert.ok(bundles.every((bundle) => bundle.status === 'written'));
    for (const [i, bundle] of bundles.entries()) {
      assert.deepEqual(await readFile(bundle.filePath as string), Buffer.alloc(1000 + i, i));
    }
    const log = (await served()).slice(before);
    const connections = new Set(log.map((entry) => entry.connection));
    assert.equal(log.length, 30);
    assert.ok(connections.size <= 8, `30 requests over ${connections.size} connections`);
  });

  it('the same URL twice at once is one request to nginx', async (t) => {
    const home = await tempHome(t);
    const before = (await served()).length;
    const [a, b] = await swarm(
      [url('big.bin'), url('big.bin')],
      coordinator(t, home, new RequestStrategy({ concurrent: 2 })),
    );
    assert.equal(a?.status, 'written');
    assert.equal(b?.duplicateOf, a);
    assert.equal((await served()).slice(before).length, 1);
    assert.deepEqual(await readFile(a?.filePath as string), big);
  });
});

/** nginx's ETag for a file, from a plain HEAD with fetch. */
async function etagOf(target: string): Promise<string> {
  const response = await fetch(target, { method: 'HEAD' });
  return response.headers.get('etag') ?? '';
}
