import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestServer, fileContent, type TestServer } from '../src/index.js';
import { fetchBytes } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await createTestServer();
});
after(() => server.close());

test('/redirect/<n> counts down, then goes to `to`', async () => {
  const first = await fetchBytes(`${server.url}/redirect/2?to=/json`);
  assert.equal(first.status, 302);
  assert.equal(first.headers.get('location'), '/redirect/1?to=/json');
  const last = await fetchBytes(`${server.url}/redirect/0?to=/json`);
  assert.equal(last.headers.get('location'), '/json');
  const fallback = await fetchBytes(`${server.url}/redirect/0`);
  assert.equal(fallback.headers.get('location'), '/files/redirected.bin');
  const followed = await fetch(`${server.url}/redirect/3`);
  assert.equal(followed.status, 200);
  assert.equal(followed.url, `${server.url}/files/redirected.bin`);
  assert.deepEqual(Buffer.from(await followed.arrayBuffer()), fileContent('/files/redirected.bin', 1024));
  assert.equal(server.requests('/redirect/').length, 7);
});

test('/redirect/<n> keeps a custom 3xx status', async () => {
  const res = await fetchBytes(`${server.url}/redirect/1?status=307`);
  assert.equal(res.status, 307);
  assert.equal(res.headers.get('location'), '/redirect/0?status=307');
});

test('/redirect-loop/<k> alternates forever', async () => {
  assert.equal(
    (await fetchBytes(`${server.url}/redirect-loop/0`)).headers.get('location'),
    '/redirect-loop/1',
  );
  assert.equal(
    (await fetchBytes(`${server.url}/redirect-loop/1`)).headers.get('location'),
    '/redirect-loop/0',
  );
  await assert.rejects(fetch(`${server.url}/redirect-loop/0`), TypeError);
});

test('/redirect-to sends the url verbatim with the given status', async () => {
  const res = await fetchBytes(
    `${server.url}/redirect-to?url=${encodeURIComponent('ftp://example.invalid/f')}&status=301`,
  );
  assert.equal(res.status, 301);
  assert.equal(res.headers.get('location'), 'ftp://example.invalid/f');
  assert.equal((await fetchBytes(`${server.url}/redirect-to`)).status, 400);
  assert.equal((await fetchBytes(`${server.url}/redirect-to?url=/x&status=200`)).status, 400);
});
