import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestServer, fileContent } from '../src/index.js';
import { fetchBytes, rawRequest } from './helpers.js';

test('url, origin, host and port describe the listening socket', async () => {
  const server = await createTestServer();
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(server.origin, server.url);
    assert.equal(server.host, '127.0.0.1');
    assert.equal(server.url, `http://127.0.0.1:${server.port}`);
  } finally {
    await server.close();
  }
});

test('inFlight tracks the peak of concurrent requests overall and per prefix', async () => {
  const server = await createTestServer();
  try {
    const files = Array.from({ length: 5 }, (_, i) =>
      fetchBytes(`${server.url}/files/dir/${i}.bin?delay=150&size=10`),
    );
    const others = Array.from({ length: 2 }, () => fetchBytes(`${server.url}/slow-headers?delay=150`));
    await new Promise((resolve) => setTimeout(resolve, 75));
    assert.deepEqual(server.inFlight('/files/'), { current: 5, max: 5 });
    assert.equal(server.inFlight().current, 7);
    await Promise.all([...files, ...others]);
    assert.deepEqual(server.inFlight('/files/'), { current: 0, max: 5 });
    assert.deepEqual(server.inFlight('/files/dir/'), { current: 0, max: 5 });
    assert.deepEqual(server.inFlight('/slow-headers'), { current: 0, max: 2 });
    assert.deepEqual(server.inFlight(), { current: 0, max: 7 });
    assert.deepEqual(server.inFlight('/json'), { current: 0, max: 0 });
    for (let i = 0; i < 3; i++) await fetchBytes(`${server.url}/json`);
    assert.equal(server.inFlight('/json').max, 1);
  } finally {
    await server.close();
  }
});

test('a request the client aborts leaves flight and stops its timers', async () => {
  const server = await createTestServer();
  try {
    const res = await rawRequest(`${server.url}/files/a?delay=5000`, { timeout: 50 });
    assert.equal(res.error?.message, 'client timeout');
    for (let i = 0; i < 50 && server.inFlight().current > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(server.inFlight(), { current: 0, max: 1 });
  } finally {
    await server.close();
  }
});

test('client aborts on slow routes leave the server healthy', async () => {
  const server = await createTestServer();
  try {
    const paths = [
      '/files/big?size=1073741824',
      '/files/d?delay=1000',
      '/drip?size=100000&chunk=10&interval=20',
      '/stall?after=5',
      '/slow-headers?delay=1000',
      '/gzip-bomb',
      '/flaky/a1?fail=1&delay=1000',
    ];
    await Promise.all(paths.map((path) => rawRequest(`${server.url}${path}`, { deadline: 40 })));
    for (let i = 0; i < 50 && server.inFlight().current > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(server.inFlight().current, 0);
    assert.equal((await fetchBytes(`${server.url}/json`)).status, 200);
  } finally {
    await server.close();
  }
});

test('log records every request; requests() filters; reset() clears', async () => {
  const server = await createTestServer();
  try {
    const before = Date.now();
    await fetchBytes(`${server.url}/files/a.bin?size=3`, { headers: { 'X-Test': 'one' } });
    await fetchBytes(`${server.url}/flaky/r1?fail=1`);
    await fetchBytes(`${server.url}/json`, { method: 'HEAD' });
    assert.equal(server.log.length, 3);
    const [first] = server.log;
    assert.ok(first);
    assert.equal(first.method, 'GET');
    assert.equal(first.path, '/files/a.bin?size=3');
    assert.equal(first.headers['x-test'], 'one');
    assert.equal(first.host, `127.0.0.1:${server.port}`);
    assert.ok(first.time >= before && first.time <= Date.now());
    assert.equal(server.log[2]?.method, 'HEAD');
    assert.deepEqual(
      server.requests('/files/').map((entry) => entry.path),
      ['/files/a.bin?size=3'],
    );
    assert.equal(server.hits('r1'), 1);
    const log = server.log;
    server.reset();
    assert.equal(log.length, 0);
    assert.equal(server.log.length, 0);
    assert.equal(server.hits('r1'), 0);
    assert.deepEqual(server.inFlight(), { current: 0, max: 0 });
    assert.equal((await fetchBytes(`${server.url}/flaky/r1?fail=1`)).status, 500);
  } finally {
    await server.close();
  }
});

test('reset() keeps requests still in flight', async () => {
  const server = await createTestServer();
  try {
    const pending = fetchBytes(`${server.url}/files/x?delay=150`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.reset();
    assert.deepEqual(server.inFlight('/files/'), { current: 1, max: 1 });
    await pending;
    assert.deepEqual(server.inFlight('/files/'), { current: 0, max: 1 });
  } finally {
    await server.close();
  }
});

test('close() destroys stalled responses and returns promptly', async () => {
  const server = await createTestServer();
  const stalled = new Promise<{ headers: boolean; bytes: number; closed: boolean }>((resolve) => {
    const seen = { headers: false, bytes: 0, closed: false };
    const req = request(`${server.url}/stall?size=1000&after=100`, (res) => {
      seen.headers = true;
      res.on('data', (chunk: Buffer) => {
        seen.bytes += chunk.length;
      });
      res.on('error', () => undefined);
      res.on('close', () => resolve({ ...seen, closed: true }));
    });
    req.on('error', () => resolve(seen));
    req.end();
  });
  const keepAlive = await fetchBytes(`${server.url}/files/k?size=5`);
  assert.deepEqual(keepAlive.body, fileContent('/files/k', 5));
  for (let i = 0; i < 50 && server.inFlight('/stall').current === 0; i++)
    await new Promise((r) => setTimeout(r, 10));
  const started = Date.now();
  await server.close();
  assert.ok(Date.now() - started < 500);
  const seen = await stalled;
  assert.equal(seen.headers, true);
  assert.equal(seen.closed, true);
  assert.ok(seen.bytes <= 100);
  await server.close();
});

test('the drover-testkit binary listens and stops on SIGTERM', async () => {
  const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', bin, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let output = '';
    for await (const chunk of child.stdout) {
      output += String(chunk);
      if (output.includes('\n')) break;
    }
    const match = /^drover-testkit listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output);
    assert.ok(match?.[1], output);
    assert.equal((await fetchBytes(`${match[1]}/status/201`)).status, 201);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  } finally {
    child.kill('SIGKILL');
  }
});
