import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestServer, fileContent, type TestServer } from '../src/index.js';
import { fetchBytes, rawRequest } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await createTestServer();
});
after(() => server.close());

test('/status/<code> answers that status, with Retry-After verbatim', async () => {
  const res = await fetchBytes(`${server.url}/status/503?retryAfter=7`);
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '7');
  assert.equal(res.body.toString(), 'status 503');
  assert.equal((await fetchBytes(`${server.url}/status/404`)).status, 404);
  assert.equal((await fetchBytes(`${server.url}/status/204`)).status, 204);
  assert.equal((await fetchBytes(`${server.url}/status/102`)).status, 200);
  assert.equal((await fetchBytes(`${server.url}/status/700`)).status, 400);
});

test('/flaky fails N times then serves content with range support', async () => {
  const url = `${server.url}/flaky/k1?fail=2&status=503&size=300`;
  assert.equal((await fetchBytes(url)).status, 503);
  assert.equal((await fetchBytes(url)).status, 503);
  const ok = await fetchBytes(url);
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, fileContent('/flaky/k1', 300));
  const part = await fetchBytes(url, { headers: { Range: 'bytes=100-' } });
  assert.equal(part.status, 206);
  assert.deepEqual(part.body, fileContent('/flaky/k1', 300).subarray(100));
  assert.equal(server.hits('k1'), 4);
  assert.equal(server.hits('never'), 0);
});

test('/flaky with mode=reset drops the connection on failing hits', async () => {
  const url = `${server.url}/flaky/k2?fail=1&mode=reset&size=10`;
  const failed = await rawRequest(url);
  assert.equal(failed.status, undefined);
  assert.ok(failed.error);
  const ok = await rawRequest(url);
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, fileContent('/flaky/k2', 10));
});

test('/retry-after sends delta seconds, then content', async () => {
  const url = `${server.url}/retry-after/k3?fail=1&seconds=2&size=20`;
  const limited = await fetchBytes(url);
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '2');
  const ok = await fetchBytes(url);
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body, fileContent('/retry-after/k3', 20));
  assert.equal(server.hits('k3'), 2);
});

test('/retry-after sends an HTTP-date S seconds ahead', async () => {
  const before = Date.now();
  const res = await fetchBytes(`${server.url}/retry-after/k4?fail=1&status=503&date=30`);
  assert.equal(res.status, 503);
  const value = res.headers.get('retry-after') ?? '';
  assert.match(value, /GMT$/);
  const at = Date.parse(value);
  assert.ok(at >= before + 29_000 && at <= Date.now() + 31_000, value);
});

test('/reset sends M bytes then closes; with a key later hits serve ranges', async () => {
  const content = fileContent('/reset', 1000);
  const cut = await rawRequest(`${server.url}/reset?size=1000&after=400`);
  assert.equal(cut.status, 200);
  assert.equal(cut.headers['content-length'], '1000');
  assert.ok(cut.error);
  assert.deepEqual(cut.body, content.subarray(0, 400));
  const url = `${server.url}/reset?size=1000&after=300&key=k5`;
  const first = await rawRequest(url);
  assert.ok(first.error);
  assert.deepEqual(first.body, content.subarray(0, 300));
  const resumed = await rawRequest(url, { headers: { Range: `bytes=${first.body.length}-` } });
  assert.equal(resumed.status, 206);
  assert.equal(resumed.error, undefined);
  assert.deepEqual(Buffer.concat([first.body, resumed.body]), content);
  assert.equal(server.hits('k5'), 2);
});

test('/short promises N bytes but sends M', async () => {
  const res = await rawRequest(`${server.url}/short?size=500&send=120`);
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-length'], '500');
  assert.ok(res.error);
  assert.deepEqual(res.body, fileContent('/short', 500).subarray(0, 120));
  await assert.rejects(async () => (await fetch(`${server.url}/short?size=500&send=120`)).arrayBuffer());
});

test('/stall sends headers and M bytes, then nothing', async () => {
  const started = Date.now();
  const res = await rawRequest(`${server.url}/stall?size=100&after=10`, { timeout: 200 });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-length'], '100');
  assert.equal(res.error?.message, 'client timeout');
  assert.deepEqual(res.body, fileContent('/stall', 100).subarray(0, 10));
  assert.ok(Date.now() - started < 1000);
});

test('/headers-close closes in the middle of the headers', async () => {
  const res = await rawRequest(`${server.url}/headers-close`);
  assert.equal(res.status, undefined);
  assert.ok(res.error);
});

test('/slow-headers waits before the headers', async () => {
  const started = Date.now();
  const res = await fetchBytes(`${server.url}/slow-headers?delay=150&size=10`);
  assert.ok(Date.now() - started >= 140);
  assert.deepEqual(res.body, fileContent('/slow-headers', 10));
});

test('/drip paces the body', async () => {
  const started = Date.now();
  const res = await fetch(`${server.url}/drip?size=400&chunk=100&interval=60`);
  const reader = res.body?.getReader();
  assert.ok(reader);
  const chunks: Buffer[] = [];
  for (let i = 0; i < 10; i++) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
  }
  assert.ok(Date.now() - started >= 170);
  assert.deepEqual(Buffer.concat(chunks), fileContent('/drip', 400));
});
