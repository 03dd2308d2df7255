import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { drover, jsonLines, mappedPath, tempDir, useServer } from './helpers.js';

describe('drover check', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('reports a truncated and a missing file, with sizes, and exits 1', async (t) => {
    const dir = await tempDir(t);
    const urls = [1000, 2000, 3000].map((size) => `${kit.url}/files/c/${size}.bin?size=${size}`);
    const list = path.join(dir, 'urls.txt');
    await writeFile(list, `${urls.join('\n')}\n`);
    const home = path.join(dir, 'mirror');
    assert.equal((await drover(['get', '-i', list, '-d', home, '-q'])).code, 0);

    await truncate(mappedPath(home, urls[1] as string), 500);
    await rm(mappedPath(home, urls[2] as string));
    const result = await drover(['check', '-i', list, '-d', home]);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n').sort();
    assert.equal(lines.length, 3);
    assert.equal(lines[0], 'drover: checked 3: 1 match, 2 differ');
    assert.match(lines[1] as string, /^mismatch \S+\/c\/2000\.bin\?size=2000 local=500 remote=2000$/);
    assert.match(lines[2] as string, /^mismatch \S+\/c\/3000\.bin\?size=3000 local=missing remote=3000$/);
    const requests = kit.server.log.filter((entry) => entry.path.startsWith('/files/c/'));
    assert.deepEqual(
      requests.map((entry) => entry.method),
      ['GET', 'GET', 'GET', 'HEAD', 'HEAD', 'HEAD'],
    );

    const json = await drover(['check', urls[1] as string, '-d', home, '--json']);
    assert.equal(json.code, 1);
    assert.deepEqual(jsonLines(json.stdout), [
      {
        url: urls[1],
        path: mappedPath(home, urls[1] as string),
        localSize: 500,
        remoteSize: 2000,
        match: false,
        error: null,
      },
    ]);
  });

  it('falls back to GET when HEAD is refused with 405, without reading the body', async (t) => {
    const dir = await tempDir(t);
    const methods: string[] = [];
    const server = http.createServer((request, response) => {
      methods.push(request.method ?? '');
      if (request.method === 'HEAD') {
        response.writeHead(405, { allow: 'GET' }).end();
        return;
      }
      response.writeHead(200, { 'content-length': 1_000_000 });
      response.write(Buffer.alloc(1000));
      // Never ends: check must not wait for the body.
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    t.after(() => {
      server.closeAllConnections();
      server.close();
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.iso`;
    const file = mappedPath(dir, url);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, Buffer.alloc(1_000_000));
    const result = await drover(['check', url, '-d', dir, '--timeout', '5s']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual(methods, ['HEAD', 'GET']);
    assert.equal(result.stdout, 'drover: checked 1: 1 match, 0 differ\n');
  });
});
