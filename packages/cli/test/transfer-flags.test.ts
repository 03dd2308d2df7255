import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { drover, listFiles, tempDir, useServer } from './helpers.js';

describe('drover transfer flags: --user, --retry-wait, --connect-timeout, --max-filesize', {
  timeout: 60_000,
}, () => {
  const kit = useServer();

  it('-u/--user name:password sends Basic auth; the password is never printed', async (t) => {
    const dir = await tempDir(t);
    // The testkit's defaults: user drover, password open-sesame.
    const url = `${kit.url}/auth/basic`;
    const ok = await drover(['get', '--user', 'drover:open-sesame', '-o', 'me.json', url], { cwd: dir });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'me.json'), 'utf8')), { user: 'drover' });
    const wrong = await drover(['get', '-u', 'drover:wrong-pw', '--json', '-o', 'no.json', url], {
      cwd: dir,
    });
    assert.equal(wrong.code, 6, wrong.stderr);
    assert.match(wrong.stderr, /401/);
    for (const text of [ok.stdout, ok.stderr, wrong.stdout, wrong.stderr]) {
      assert.doesNotMatch(text, /open-sesame|wrong-pw/);
      assert.doesNotMatch(text, new RegExp(Buffer.from('drover:wrong-pw').toString('base64')));
    }
  });

  it('--user without a colon is a usage error that does not echo the value (exit 2)', async (t) => {
    const dir = await tempDir(t);
    const result = await drover(['get', '--user', 'hunter2', `${kit.url}/auth/basic`], { cwd: dir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--user expects "name:password"/);
    assert.doesNotMatch(result.stderr, /hunter2/);
  });

  it('--retry-wait sets the wait before a retry (shown in the retry line)', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/flaky/retry-wait-${process.pid}?fail=1&status=503&size=10`;
    const result = await drover(['get', '--retry-wait', '1.5s', '--strategy', 'backoff', url], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /drover: retry 2\/10 in 1\.5 s /);
    assert.deepEqual(await listFiles(dir), [`retry-wait-${process.pid}`]);
  });

  it('--connect-timeout takes a duration; a bad one is a usage error', async (t) => {
    const dir = await tempDir(t);
    const ok = await drover(['get', '--connect-timeout', '5s', `${kit.url}/files/ct.bin?size=10`], {
      cwd: dir,
    });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(await readFile(path.join(dir, 'ct.bin')), fileContent('/files/ct.bin', 10));
    const bad = await drover(['get', '--connect-timeout', 'soon', `${kit.url}/files/ct.bin`], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--connect-timeout expects a duration/);
  });

  it('--max-filesize fails a larger file (exit 7, no file) and lets a smaller one through; 10M, 1G, bytes', async (t) => {
    const dir = await tempDir(t);
    const big = await drover(['get', '--max-filesize', '1K', `${kit.url}/files/big.bin?size=2000`], {
      cwd: dir,
    });
    assert.equal(big.code, 7, big.stderr);
    assert.match(big.stderr, /big\.bin/);
    assert.deepEqual(await listFiles(dir), []);
    const fits = await drover(['get', '--max-filesize', '2000', `${kit.url}/files/fits.bin?size=2000`], {
      cwd: dir,
    });
    assert.equal(fits.code, 0, fits.stderr);
    for (const size of ['10M', '1G', '1.5GiB', '64kB']) {
      const run = await drover(
        ['get', '--max-filesize', size, '--overwrite', `${kit.url}/files/fits.bin?size=5`],
        {
          cwd: dir,
        },
      );
      assert.equal(run.code, 0, `${size}: ${run.stderr}`);
    }
    const bad = await drover(['get', '--max-filesize', '10 MB', `${kit.url}/files/x.bin`], { cwd: dir });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-filesize expects a size .* got "10 MB"/);
  });
});
