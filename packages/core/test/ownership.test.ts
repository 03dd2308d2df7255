import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BackOff, Bundle, download, PathConflictError, RequestStrategy, swarm } from '@drover/core';
import { fileContent } from '@drover/testkit';
import { coordinator, listFiles, tempHome, uniqueKey, useServer } from './helpers.js';

// Rule 9: one file has one owner at a time (issue #10, cases 1 and 2).
describe('one owner per file', () => {
  const kit = useServer();
  const quick = () => new BackOff({ concurrent: 4, maxAttempts: 3, sleep: 10, maxSleep: 10 });

  it('the same URL twice with a mid-body reset: one download, the whole file, both bundles written', async (t) => {
    const home = await tempHome(t);
    const key = uniqueKey('dup-reset');
    const url = `${kit.url}/reset?size=150000&after=50000&key=${key}&fail=1`;
    const bundles = await swarm([url, url], coordinator(t, home, quick()));
    assert.deepEqual(
      bundles.map((bundle) => bundle.status),
      ['written', 'written'],
    );
    const [first, second] = bundles as [Bundle, Bundle];
    assert.equal(second.duplicateOf, first);
    assert.equal(second.attempts, 0);
    assert.equal(first.attempts, 2);
    assert.equal(kit.server.hits(key), 2, 'one download: the cut request and its resume');
    assert.equal(first.bytes, 150000);
    assert.equal(second.bytes, 150000);
    assert.deepEqual(await readFile(first.filePath as string), fileContent('/reset', 150000));
    assert.deepEqual(await listFiles(home), [path.relative(home, first.filePath as string)]);
  });

  it('a duplicate of a failed download shares the failure and leaves no part file', async (t) => {
    const home = await tempHome(t);
    const url = `${kit.url}/status/404?dup=${uniqueKey('dup-404')}`;
    const [a, b] = await swarm([url, url], coordinator(t, home, quick()));
    assert.equal(a?.status, 'failed');
    assert.equal(b?.status, 'failed');
    assert.equal(b?.error, a?.error);
    assert.deepEqual(await listFiles(home), []);
  });

  it('two URLs for one path: the loser fails at once and never touches the winner’s part file', async (t) => {
    const home = await tempHome(t);
    // The winner's body takes ~400 ms, so its .part file exists while the loser fails.
    const slow = new Bundle(`${kit.url}/drip?size=4096&chunk=512&interval=50`, { filePath: 'shared.bin' });
    const other = new Bundle(`${kit.url}/files/other.bin?size=10`, { filePath: 'shared.bin' });
    const [winner, loser] = await swarm([slow, other], coordinator(t, home, quick()));
    assert.equal(winner?.status, 'written');
    assert.equal(loser?.status, 'failed');
    assert.ok(loser?.error instanceof PathConflictError);
    assert.equal(loser.error.claimedBy, slow.url);
    assert.equal(loser.attempts, 0);
    assert.deepEqual(await readFile(path.join(home, 'shared.bin')), fileContent('/drip', 4096));
    assert.deepEqual(await listFiles(home), ['shared.bin']);
  });

  it('download() given one path twice writes the first URL and fails the second', async (t) => {
    const home = await tempHome(t);
    const target = path.join(home, 'same.bin');
    const urls = [`${kit.url}/drip?size=2048&chunk=512&interval=40`, `${kit.url}/files/two.bin?size=10`];
    const bundles = await download(urls, [target, target], { maxAttempts: 1 });
    assert.equal(bundles[0]?.status, 'written');
    assert.equal(bundles[1]?.status, 'failed');
    assert.ok(bundles[1]?.error instanceof PathConflictError);
    assert.deepEqual(await readFile(target), fileContent('/drip', 2048));
    assert.equal((await stat(`${target}`)).size, 2048);
    assert.deepEqual(await listFiles(home), ['same.bin']);
  });

  it('the same bundle object twice in one swarm is one run', async (t) => {
    const home = await tempHome(t);
    const bundle = new Bundle(`${kit.url}/files/${uniqueKey('same-object')}.bin?size=100`);
    const results = await swarm([bundle, bundle], coordinator(t, home, new RequestStrategy()));
    assert.equal(results[0], bundle);
    assert.equal(results[1], bundle);
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.attempts, 1);
  });
});
