import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BackOff, Bundle, HttpError, one, RedirectError, RequestStrategy } from '@drover/core';
import { fileContent, fileEtag } from '@drover/testkit';
import { coordinator, listFiles, tempHome, useServer } from './helpers.js';

// Rule 10 (issue #10, case 3): only the success drover asked for becomes a file.
describe('what may become a file', () => {
  const kit = useServer();
  const good = Buffer.from('a good file that must survive\n');
  const retrying = () => new BackOff({ maxAttempts: 3, sleep: 10, maxSleep: 10 });

  async function withGoodFile(t: { after(fn: () => Promise<void>): void }, name: string) {
    const home = await tempHome(t);
    await writeFile(path.join(home, name), good);
    return home;
  }

  it('304 to the caller’s own If-None-Match keeps the existing file and reports cached', async (t) => {
    const home = await withGoodFile(t, 'kept.bin');
    const url = `${kit.url}/files/kept.bin?size=5000`;
    const bundle = new Bundle(url, {
      filePath: 'kept.bin',
      headers: { 'If-None-Match': fileEtag('/files/kept.bin', 5000) },
    });
    await one(bundle, coordinator(t, home, retrying()));
    assert.equal(bundle.httpStatus, 304);
    assert.equal(bundle.status, 'cached');
    assert.equal(bundle.attempts, 1);
    assert.deepEqual(await readFile(path.join(home, 'kept.bin')), good);
  });

  it('304 to the caller’s validators with no file fails for good and writes nothing', async (t) => {
    const home = await tempHome(t);
    const bundle = new Bundle(`${kit.url}/files/none.bin?size=5000`, {
      headers: { 'if-none-match': fileEtag('/files/none.bin', 5000) },
    });
    await one(bundle, coordinator(t, home, retrying()));
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof HttpError);
    assert.equal(bundle.error.status, 304);
    assert.equal(bundle.error.transient, false);
    assert.equal(bundle.attempts, 1);
    assert.deepEqual(await listFiles(home), []);
  });

  it('a redirect not followed (maxRedirects 0) fails with RedirectError and leaves the old file', async (t) => {
    const home = await withGoodFile(t, 'target.bin');
    const bundle = new Bundle(`${kit.url}/redirect/1?to=/files/target.bin?size=10`, {
      filePath: 'target.bin',
    });
    await one(bundle, coordinator(t, home, new BackOff({ maxAttempts: 3, sleep: 10, maxRedirects: 0 })));
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof RedirectError);
    assert.match(bundle.error.message, /not followed/);
    assert.equal(bundle.attempts, 1, 'a redirect that was refused cannot get better');
    assert.deepEqual(await readFile(path.join(home, 'target.bin')), good);
    assert.deepEqual(await listFiles(home), ['target.bin']);
  });

  it('a 302 without Location fails with RedirectError, its body never written', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(`${kit.url}/status/302`, coordinator(t, home, retrying()));
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof RedirectError);
    assert.match(bundle.error.message, /without a Location/);
    assert.deepEqual(await listFiles(home), []);
  });

  it('a 206 to a request without Range fails for good', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(`${kit.url}/status/206`, coordinator(t, home, retrying()));
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof HttpError);
    assert.equal(bundle.error.status, 206);
    assert.equal(bundle.attempts, 1);
    assert.deepEqual(await listFiles(home), []);
  });

  it('a 206 to the caller’s own Range is what was asked for: written as the file', async (t) => {
    const home = await tempHome(t);
    const bundle = new Bundle(`${kit.url}/files/part.bin?size=1000`, { headers: { Range: 'bytes=0-99' } });
    await one(bundle, coordinator(t, home, new RequestStrategy()));
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.bytes, 100);
    assert.deepEqual(
      await readFile(bundle.filePath as string),
      fileContent('/files/part.bin', 1000).subarray(0, 100),
    );
  });

  it('a strategy that accepts every status still cannot write a redirect body', async (t) => {
    class AcceptAll extends RequestStrategy {
      override assertResponse(): void {}
    }
    const home = await tempHome(t);
    const bundle = await one(
      `${kit.url}/status/301`,
      coordinator(t, home, new AcceptAll({ maxRedirects: 0 })),
    );
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof RedirectError);
    assert.deepEqual(await listFiles(home), []);
  });
});
