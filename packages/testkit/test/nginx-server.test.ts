import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { startNginx } from '../src/index.js';
import { fetchBytes, rawRequest } from './helpers.js';

async function tempRoot(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'drover-nginx-root-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('startNginx', { timeout: 60_000 }, () => {
  it('serves a private temporary folder with HEAD, Range and ETag, and logs each request', async (t) => {
    const root = await tempRoot(t);
    const content = Buffer.from('0123456789'.repeat(100));
    await writeFile(path.join(root, 'a.bin'), content);
    const nginx = await startNginx({ root });
    t.after(() => nginx.close());
    assert.match(nginx.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(nginx.version, /^nginx\/\d+\.\d+/);

    const whole = await fetchBytes(`${nginx.url}/a.bin`);
    assert.equal(whole.status, 200);
    assert.deepEqual(whole.body, content);
    assert.equal(whole.headers.get('server'), nginx.version);
    const etag = whole.headers.get('etag') ?? '';
    assert.match(etag, /^"/);
    const head = await rawRequest(`${nginx.url}/a.bin`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], '1000');
    assert.equal(head.body.length, 0);
    const part = await fetchBytes(`${nginx.url}/a.bin`, { headers: { range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.deepEqual(part.body, content.subarray(10, 20));
    const same = await fetchBytes(`${nginx.url}/a.bin`, { headers: { 'if-none-match': etag } });
    assert.equal(same.status, 304);
    assert.equal((await fetchBytes(`${nginx.url}/missing.bin`)).status, 404);

    assert.deepEqual(
      (await nginx.requests()).map(({ method, uri, status }) => `${method} ${uri} ${status}`),
      ['GET /a.bin 200', 'HEAD /a.bin 200', 'GET /a.bin 206', 'GET /a.bin 304', 'GET /missing.bin 404'],
    );
  });

  it('logs the connection of each request, so keep-alive reuse can be seen', async (t) => {
    const root = await tempRoot(t);
    await writeFile(path.join(root, 'k.bin'), 'k');
    const nginx = await startNginx({ root, directives: 'keepalive_requests 2;' });
    t.after(() => nginx.close());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    t.after(() => agent.destroy());
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        request(`${nginx.url}/k.bin?${i}`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
    }
    const connections = (await nginx.requests()).map((entry) => entry.connection);
    assert.equal(connections.length, 3);
    // keepalive_requests 2: the first two share a connection, the third needs a new one.
    assert.equal(connections[0], connections[1]);
    assert.notEqual(connections[1], connections[2]);
  });

  it('takes extra locations', async (t) => {
    const root = await tempRoot(t);
    await writeFile(path.join(root, 'tiny.bin'), 'tiny');
    const nginx = await startNginx({ root, locations: { '/tiny/': 'try_files /tiny.bin =404;' } });
    t.after(() => nginx.close());
    const res = await fetchBytes(`${nginx.url}/tiny/42`);
    assert.equal(res.status, 200);
    assert.equal(res.body.toString(), 'tiny');
  });

  it('close() stops nginx and removes its folder; a second close() is harmless', async (t) => {
    const root = await tempRoot(t);
    const nginx = await startNginx({ root });
    const pid = Number((await readFile(path.join(nginx.dir, 'nginx.pid'), 'utf8')).trim());
    assert.ok(isRunning(pid));
    await nginx.close();
    await nginx.close();
    assert.equal(isRunning(pid), false);
    await assert.rejects(stat(nginx.dir), { code: 'ENOENT' });
    const after = await rawRequest(`${nginx.url}/`);
    assert.notEqual(after.error, undefined);
  });

  it('names the problem when nginx cannot start', async (t) => {
    const root = await tempRoot(t);
    await assert.rejects(startNginx({ root, binary: path.join(root, 'no-nginx') }), /nginx is needed/);
    await assert.rejects(
      startNginx({ root, directives: 'no_such_directive on;' }),
      /nginx did not start: .*unknown directive "no_such_directive"/,
    );
  });
});
