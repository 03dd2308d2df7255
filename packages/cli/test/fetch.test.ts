import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { drover, jsonLines, startCli, useServer } from './helpers.js';

describe('drover fetch', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('prints one body: parsed and pretty with --as json, exact bytes with --as text', async () => {
    const json = await drover(['fetch', `${kit.url}/json?n=3`, '--as', 'json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), { ok: true, n: 3, items: [0, 1, 2] });
    assert.match(json.stdout, /^\{\n {2}"ok": true,/);

    const raw = startCli(['fetch', `${kit.url}/gzip?size=3000`]);
    const bytes: Buffer[] = [];
    raw.child.stdout?.on('data', (chunk: Buffer) => bytes.push(chunk));
    assert.equal((await raw.done).code, 0);
    assert.deepEqual(Buffer.concat(bytes), fileContent('/gzip', 3000));
  });

  it('prints JSON lines in input order for many URLs, exits 8 when one gets a 404', async () => {
    const urls = [
      `${kit.url}/json?n=1&delay=1`,
      `${kit.url}/status/404`,
      `${kit.url}/json?n=2`,
      `${kit.url}/files/t?size=4`,
    ];
    // The first is slowest (its response waits), yet comes out first.
    urls[0] = `${kit.url}/flaky/fetch-order?fail=0&size=5&delay=300`;
    const result = await drover(['fetch', ...urls, '--as', 'text', '-j', '4']);
    assert.equal(result.code, 8);
    const lines = jsonLines(result.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(
      lines.map((line) => line.url),
      urls,
    );
    assert.equal(lines[0]?.body, fileContent('/flaky/fetch-order', 5).toString('utf8'));
    assert.deepEqual(lines[1], {
      url: urls[1],
      status: 404,
      body: null,
      error: { code: 'ERR_DROVER_HTTP_STATUS', message: `GET ${urls[1]}: server answered 404` },
    });
    assert.equal(lines[2]?.body, '{"ok":true,"n":2,"items":[0,1]}');
    assert.match(result.stderr, /drover: failed: GET .*\/status\/404: server answered 404/);

    const parsed = await drover(['fetch', '-i', '-', '--as', 'json'], { input: `${kit.url}/json?n=1\n` });
    assert.equal(parsed.code, 0, parsed.stderr);
    assert.deepEqual(jsonLines(parsed.stdout), [
      { url: `${kit.url}/json?n=1`, status: 200, body: { ok: true, n: 1, items: [0] }, error: null },
    ]);
  });

  it('fails a body over --max-size and one that is not JSON under --as json (exit 7, a bad response)', async () => {
    const big = await drover(['fetch', `${kit.url}/files/big?size=5000`, '--max-size', '4096']);
    assert.equal(big.code, 7);
    assert.equal(big.stdout, '');
    assert.match(big.stderr, /body larger than maxContentLength of 4096 bytes \[ERR_DROVER_TOO_LARGE\]/);
    const notJson = await drover(['fetch', `${kit.url}/status/200`, '--as', 'json']);
    assert.equal(notJson.code, 7);
    assert.match(notJson.stderr, /body is not JSON/);
  });
});
