import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { drover, mappedPath, tempDir, useServer } from './helpers.js';

// Issue #10: `drover check --attempts 2` sent 3 requests; the HEAD → GET switch took an attempt of
// its own on top of --attempts. Now --attempts N is at most N requests, the switch being one of them.
describe('drover check --attempts', { timeout: 60_000 }, () => {
  const kit = useServer();
  const methods = (prefix: string) => kit.server.requests(prefix).map((entry) => entry.method);

  it('HEAD refused (405), then GET: two requests for --attempts 2, and the file matches', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/no-head/attempts/a.bin?size=3000`;
    const file = mappedPath(dir, url);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, fileContent('/no-head/attempts/a.bin', 3000));
    const result = await drover(['check', url, '-d', dir, '--attempts', '2']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stdout, 'drover: checked 1: 1 match, 0 differ\n');
    assert.deepEqual(methods('/no-head/attempts/'), ['HEAD', 'GET']);
  });

  it('--attempts 1: a refused HEAD is the one request; the URL is reported as not checked', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/no-head/attempts-one/a.bin?size=10`;
    const result = await drover(['check', url, '-d', dir, '--attempts', '1']);
    assert.equal(result.code, 8, 'a server error (405) is the cause');
    assert.match(result.stdout, /^mismatch \S+ local=missing remote=unknown \(.*405.*\)$/m);
    assert.deepEqual(methods('/no-head/attempts-one/'), ['HEAD']);
  });

  it('a failing HEAD is retried within --attempts: 503 twice is two requests, not three', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/status/503?attempts-two`;
    const result = await drover(['check', url, '-d', dir, '--attempts', '2']);
    assert.equal(result.code, 8, 'a server error (503) is the cause');
    assert.match(result.stdout, /local=missing remote=unknown \(.*503.*\)$/m);
    assert.deepEqual(methods('/status/503?attempts-two'), ['HEAD', 'HEAD']);
  });
});
