import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type NginxHandle, startNginx } from '@drover/testkit';
import { drover, mappedPath, tempDir } from './helpers.js';

describe('drover check against nginx', { timeout: 60_000 }, () => {
  let nginx: NginxHandle | undefined;
  let root = '';
  const count = 20;
  const sizes = Array.from({ length: count }, (_, i) => 1000 * (i + 1));
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'drover-cli-nginx-'));
    for (const [i, size] of sizes.entries())
      await writeFile(path.join(root, `f${i}.bin`), Buffer.alloc(size, i));
    await mkdir(path.join(root, 'no-head'));
    await writeFile(path.join(root, 'no-head', 'a.bin'), Buffer.alloc(3000, 7));
    nginx = await startNginx({
      root,
      locations: {
        // A server that only does GET, and one that is always busy.
        '/no-head/': 'if ($request_method = HEAD) { return 405; }',
        '/busy/': 'return 503;',
      },
    });
  });
  after(async () => {
    await nginx?.close();
    await rm(root, { recursive: true, force: true });
  });
  const url = (i: number) => `${nginx?.url}/f${i}.bin`;

  // Issue #10: with 20 URLs (16 worked) the command exited 13 with no summary: `each` waited for
  // bundles that had all finished while the CLI was looking at the previous one's file.
  it('checks 20 URLs from -i with -d: every one is reported, then the summary', async (t) => {
    const dir = await tempDir(t);
    const list = path.join(dir, 'urls.txt');
    await writeFile(list, `${sizes.map((_, i) => url(i)).join('\n')}\n`);
    const home = path.join(dir, 'mirror');
    // Even files are there with the right size, odd ones are missing.
    for (let i = 0; i < count; i += 2) {
      const file = mappedPath(home, url(i));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, Buffer.alloc(sizes[i] as number));
    }
    const result = await drover(['check', '-i', list, '-d', home]);
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.equal(lines.at(-1), `drover: checked ${count}: ${count / 2} match, ${count / 2} differ`);
    const mismatches = lines.filter((line) => line.startsWith('mismatch ')).sort();
    assert.deepEqual(
      mismatches,
      sizes
        .map((size, i) => ({ size, i }))
        .filter(({ i }) => i % 2 === 1)
        .map(({ size, i }) => `mismatch ${mappedPath(home, url(i))} local=missing remote=${size}`)
        .sort(),
    );
    const heads =
      (await nginx?.requests())?.filter(
        (entry) => entry.method === 'HEAD' && /^\/f\d+\.bin$/.test(entry.uri),
      ) ?? [];
    assert.equal(heads.length, count);
  });

  // Issue #10: --attempts N is at most N requests, the HEAD → GET switch being one of them.
  it('--attempts 2: HEAD refused with 405, then one GET; a 503 is two HEADs', async (t) => {
    const dir = await tempDir(t);
    const file = mappedPath(dir, `${nginx?.url}/no-head/a.bin`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, Buffer.alloc(3000));
    const refused = await drover(['check', `${nginx?.url}/no-head/a.bin`, '-d', dir, '--attempts', '2']);
    assert.equal(refused.code, 0, refused.stdout + refused.stderr);
    assert.equal(refused.stdout, 'drover: checked 1: 1 match, 0 differ\n');
    const busy = await drover(['check', `${nginx?.url}/busy/b.bin`, '-d', dir, '--attempts', '2']);
    assert.equal(busy.code, 8, 'a server error (503) is the cause');
    assert.match(busy.stdout, /local=missing remote=unknown \(.*503.*\)$/m);
    const seen = (await nginx?.requests())
      ?.filter((entry) => entry.uri.startsWith('/no-head/') || entry.uri.startsWith('/busy/'))
      .map((entry) => `${entry.method} ${entry.uri} ${entry.status}`);
    assert.deepEqual(seen, [
      'HEAD /no-head/a.bin 405',
      'GET /no-head/a.bin 200',
      'HEAD /busy/b.bin 503',
      'HEAD /busy/b.bin 503',
    ]);
  });
});
