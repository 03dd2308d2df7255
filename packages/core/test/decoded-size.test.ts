import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { BackOff, one, RequestStrategy, TooLargeError } from '@drover/core';
import { fileContent } from '@drover/testkit';
import { coordinator, listFiles, tempHome, useServer } from './helpers.js';

// Issue #10, case 4: a content-encoded body cannot expand without bound.
describe('the decoded-size guard', () => {
  const kit = useServer();

  it('is on by default: a gzip bomb fails with TooLargeError, is not retried, writes nothing', async (t) => {
    const home = await tempHome(t);
    const strategy = new BackOff({ maxAttempts: 3, sleep: 10 });
    assert.equal(strategy.options.maxDecodedRatio, 100);
    const bundle = await one(
      `${kit.url}/gzip-bomb?size=${256 * 1024 * 1024}`,
      coordinator(t, home, strategy),
    );
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof TooLargeError);
    assert.match(bundle.error.message, /expanded to \d+ bytes from \d+ on the wire/);
    assert.equal(bundle.attempts, 1);
    assert.deepEqual(await listFiles(home), []);
  });

  it('ordinary compressed bodies pass', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(`${kit.url}/gzip?size=1000000`, coordinator(t, home, new RequestStrategy()));
    assert.equal(bundle.status, 'written');
    assert.deepEqual(await readFile(bundle.filePath as string), fileContent('/gzip', 1000000));
  });

  it('maxDecodedRatio 0 turns the guard off', async (t) => {
    const home = await tempHome(t);
    const strategy = new RequestStrategy({ maxDecodedRatio: 0 });
    const bundle = await one(`${kit.url}/gzip-bomb?size=${16 * 1024 * 1024}`, coordinator(t, home, strategy));
    assert.equal(bundle.status, 'written', bundle.error?.message);
    assert.equal(bundle.bytes, 16 * 1024 * 1024);
  });
});
