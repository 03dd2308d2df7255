import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestServer, fileContent, fileEtag, fileLastModified, type TestServer } from '../src/index.js';
import { fetchBytes } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await createTestServer();
});
after(() => server.close());

test('GET /files serves fileContent with validators', async () => {
  const { status, headers, body } = await fetchBytes(`${server.url}/files/dir/a.bin?size=100000`);
  assert.equal(status, 200);
  assert.deepEqual(body, fileContent('/files/dir/a.bin', 100_000));
  assert.equal(headers.get('content-length'), '100000');
  assert.equal(headers.get('content-type'), 'application/octet-stream');
  assert.equal(headers.get('etag'), fileEtag('/files/dir/a.bin', 100_000));
  assert.equal(headers.get('last-modified'), fileLastModified('/files/dir/a.bin').toUTCString());
  assert.equal(headers.get('accept-ranges'), 'bytes');
});

test('size defaults to 1024 and HEAD sends headers only', async () => {
  const res = await fetch(`${server.url}/files/b.bin`, { method: 'HEAD' });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-length'), '1024');
  assert.equal((await res.arrayBuffer()).byteLength, 0);
  const get = await fetchBytes(`${server.url}/files/b.bin`);
  assert.deepEqual(get.body, fileContent('/files/b.bin', 1024));
});

test('a large body streams intact', async () => {
  const size = 8 * 1024 * 1024 + 7;
  const { body } = await fetchBytes(`${server.url}/files/big.bin?size=${size}`);
  assert.equal(body.length, size);
  assert.ok(body.equals(fileContent('/files/big.bin', size)));
});

test('single ranges answer 206 with Content-Range', async () => {
  const url = `${server.url}/files/r.bin?size=1000`;
  const content = fileContent('/files/r.bin', 1000);
  const cases: Array<[string, number, number]> = [
    ['bytes=10-19', 10, 20],
    ['bytes=990-', 990, 1000],
    ['bytes=-5', 995, 1000],
    ['bytes=900-5000', 900, 1000],
  ];
  for (const [range, start, end] of cases) {
    const { status, headers, body } = await fetchBytes(url, { headers: { Range: range } });
    assert.equal(status, 206, range);
    assert.equal(headers.get('content-range'), `bytes ${start}-${end - 1}/1000`);
    assert.equal(headers.get('content-length'), String(end - start));
    assert.deepEqual(body, content.subarray(start, end));
  }
});

test('unsatisfiable ranges answer 416 with bytes */size', async () => {
  for (const range of ['bytes=1000-', 'bytes=-0']) {
    const { status, headers } = await fetchBytes(`${server.url}/files/r.bin?size=1000`, {
      headers: { Range: range },
    });
    assert.equal(status, 416);
    assert.equal(headers.get('content-range'), 'bytes */1000');
  }
});

test('malformed or multiple ranges are ignored', async () => {
  for (const range of ['bytes=0-1,5-6', 'pages=1-2', 'bytes=9-3']) {
    const { status, body } = await fetchBytes(`${server.url}/files/r.bin?size=50`, {
      headers: { Range: range },
    });
    assert.equal(status, 200, range);
    assert.equal(body.length, 50);
  }
});

test('If-Range honours the range only when the validator matches', async () => {
  const url = `${server.url}/files/ir.bin?size=100`;
  const etag = fileEtag('/files/ir.bin', 100);
  const date = fileLastModified('/files/ir.bin').toUTCString();
  const send = (ifRange: string) => fetchBytes(url, { headers: { Range: 'bytes=50-', 'If-Range': ifRange } });
  assert.equal((await send(etag)).status, 206);
  assert.equal((await send(date)).status, 206);
  const stale = await send('"other"');
  assert.equal(stale.status, 200);
  assert.equal(stale.body.length, 100);
  assert.equal((await send(`W/${etag}`)).status, 200);
  assert.equal((await send(new Date(Date.now()).toUTCString())).status, 200);
});

test('conditional requests answer 304', async () => {
  const url = `${server.url}/files/c.bin?size=10`;
  const etag = fileEtag('/files/c.bin', 10);
  const modified = fileLastModified('/files/c.bin');
  const notModified = await fetchBytes(url, { headers: { 'If-None-Match': `"x", ${etag}` } });
  assert.equal(notModified.status, 304);
  assert.equal(notModified.headers.get('etag'), etag);
  assert.equal(notModified.body.length, 0);
  assert.equal((await fetchBytes(url, { headers: { 'If-None-Match': '"x"' } })).status, 200);
  const since = (date: Date) => fetchBytes(url, { headers: { 'If-Modified-Since': date.toUTCString() } });
  assert.equal((await since(modified)).status, 304);
  assert.equal((await since(new Date(modified.getTime() + 60_000))).status, 304);
  assert.equal((await since(new Date(modified.getTime() - 60_000))).status, 200);
});

test('other methods get 405 and bad parameters 400', async () => {
  const post = await fetch(`${server.url}/files/a.bin`, { method: 'POST', body: 'x' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
  await post.arrayBuffer();
  const bad = await fetchBytes(`${server.url}/files/a.bin?size=-3`);
  assert.equal(bad.status, 400);
});
