import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BackOff, Bundle, IntegrityError, one, RequestStrategy, urlToRelativePath } from '@drover/core';
import { fileContent, fileEtag } from '@drover/testkit';
import { coordinator, listFiles, tempHome, uniqueKey, useServer } from './helpers.js';

describe('resume', () => {
  const kit = useServer();

  it('a retry after a reset resumes with Range + If-Range and the file is byte-identical', async (t) => {
    const home = await tempHome(t);
    const k = uniqueKey('resume');
    const bundle = await one(
      `${kit.url}/reset?size=300000&after=100000&key=${k}&fail=1`,
      coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 3 })),
    );
    assert.equal(bundle.status, 'written', bundle.error?.message);
    assert.equal(bundle.attempts, 2);
    assert.deepEqual(await readFile(bundle.filePath as string), fileContent('/reset', 300000));
    const second = kit.server.requests(`/reset?size=300000&after=100000&key=${k}`)[1];
    // The server cut after 100000 bytes; all that reached the client is resumed from.
    const from = Number(/^bytes=(\d+)-$/.exec(String(second?.headers.range))?.[1]);
    assert.ok(from > 0 && from <= 100000, `resumed from ${second?.headers.range}`);
    assert.equal(second?.headers['if-range'], fileEtag('/reset', 300000));
    assert.equal(bundle.history[1]?.httpStatus, 206);
    assert.equal(bundle.history[1]?.bytes, 300000 - from);
    assert.deepEqual(await listFiles(home), [path.relative(home, bundle.filePath as string)]);
  });

  it('with keepPartial a later run resumes what an earlier run left', async (t) => {
    const home = await tempHome(t);
    const k = uniqueKey('later');
    const url = `${kit.url}/reset?size=200000&after=50000&key=${k}&fail=1`;
    const first = await one(url, coordinator(t, home, new RequestStrategy(), { keepPartial: true }));
    assert.equal(first.status, 'failed');
    const part = `${first.filePath}.part`;
    // Every byte that reached the client is kept; a few may still have been in the socket's buffer.
    const kept = (await stat(part)).size;
    assert.ok(kept > 0 && kept <= 50000, `kept ${kept} bytes`);
    const second = await one(url, coordinator(t, home, new RequestStrategy(), { keepPartial: true }));
    assert.equal(second.status, 'written');
    assert.deepEqual(await readFile(second.filePath as string), fileContent('/reset', 200000));
    assert.equal(kit.server.requests(url.slice(kit.url.length)).at(-1)?.headers.range, `bytes=${kept}-`);
    assert.deepEqual(await listFiles(home), [path.relative(home, second.filePath as string)]);
  });

  it('a different validator makes the server send it all (200) and the file is rewritten whole', async (t) => {
    const home = await tempHome(t);
    const url = `${kit.url}/files/changed.bin?size=80000`;
    const target = path.join(home, urlToRelativePath(url));
    await one(`${kit.url}/files/seed?size=1`, coordinator(t, home, new RequestStrategy()));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(`${target}.part`, Buffer.alloc(30000, 7));
    await writeFile(`${target}.part.json`, JSON.stringify({ url, etag: '"stale"' }));
    const bundle = await one(url, coordinator(t, home, new RequestStrategy(), { keepPartial: true }));
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.history[0]?.httpStatus, 200);
    assert.deepEqual(await readFile(target), fileContent('/files/changed.bin', 80000));
  });

  it('a 416 drops the part file and the next attempt starts over', async (t) => {
    const home = await tempHome(t);
    const url = `${kit.url}/files/shrunk.bin?size=1000`;
    const target = path.join(home, urlToRelativePath(url));
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(`${target}.part`, Buffer.alloc(5000, 1));
    await writeFile(
      `${target}.part.json`,
      JSON.stringify({ url, etag: fileEtag('/files/shrunk.bin', 1000) }),
    );
    const bundle = await one(
      url,
      coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 2 }), { keepPartial: true }),
    );
    assert.equal(bundle.status, 'written');
    assert.deepEqual(
      bundle.history.map((record) => record.httpStatus),
      [416, 200],
    );
    assert.deepEqual(await readFile(target), fileContent('/files/shrunk.bin', 1000));
  });
});

describe('integrity and revalidation', () => {
  const kit = useServer();
  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  it('a matching checksum (hex or base64, sha256 or sha-256) writes the file', async (t) => {
    const home = await tempHome(t);
    const body = fileContent('/files/sum.bin', 5000);
    const download = coordinator(t, home, new RequestStrategy());
    const hex = await one(
      new Bundle(`${kit.url}/files/sum.bin?size=5000`, {
        checksum: { algorithm: 'sha-256', digest: sha256(body) },
      }),
      download,
    );
    assert.equal(hex.status, 'written');
    const base64 = createHash('sha512').update(body).digest('base64');
    const b64 = await one(
      new Bundle(`${kit.url}/files/sum.bin?size=5000&b=1`, {
        checksum: { algorithm: 'sha512', digest: base64 },
      }),
      download,
    );
    assert.equal(b64.status, 'written');
  });

  it('a mismatch is an IntegrityError and nothing reaches the final path', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(
      new Bundle(`${kit.url}/files/bad-sum.bin?size=5000`, {
        checksum: { algorithm: 'sha256', digest: '0'.repeat(64) },
      }),
      coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 3 })),
    );
    assert.ok(bundle.error instanceof IntegrityError);
    assert.equal(bundle.attempts, 1);
    assert.equal(bundle.error.actual, sha256(fileContent('/files/bad-sum.bin', 5000)));
    assert.deepEqual(await listFiles(home), []);
  });

  it('a resumed download is verified over all its bytes', async (t) => {
    const home = await tempHome(t);
    const digest = sha256(fileContent('/reset', 120000));
    const bundle = await one(
      new Bundle(`${kit.url}/reset?size=120000&after=40000&key=${uniqueKey('sum')}&fail=1`, {
        checksum: { algorithm: 'sha256', digest },
      }),
      coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 2 })),
    );
    assert.equal(bundle.status, 'written', bundle.error?.message);
    assert.equal(bundle.history[1]?.httpStatus, 206);
  });

  it('an unknown algorithm is refused when the bundle is made', () => {
    assert.throws(() => new Bundle('http://h/x', { checksum: { algorithm: 'crc-9000', digest: 'ab' } }), {
      name: 'TypeError',
      message: /`checksum.algorithm`.*`crc-9000`/,
    });
  });

  it('revalidate asks If-Modified-Since and keeps the file on 304', async (t) => {
    const home = await tempHome(t);
    const url = `${kit.url}/files/fresh.bin?size=700`;
    const options = { skipCached: true, revalidate: true };
    const first = await one(url, coordinator(t, home, new RequestStrategy(), options));
    assert.equal(first.status, 'written');
    const second = await one(url, coordinator(t, home, new RequestStrategy(), options));
    assert.equal(second.status, 'cached');
    assert.equal(second.httpStatus, 304);
    const last = kit.server.requests('/files/fresh.bin').at(-1);
    assert.ok(last?.headers['if-modified-since'] !== undefined);
    await utimes(first.filePath as string, new Date(0), new Date(0));
    const third = await one(url, coordinator(t, home, new RequestStrategy(), options));
    assert.equal(third.status, 'written');
    assert.deepEqual(await readFile(third.filePath as string), fileContent('/files/fresh.bin', 700));
  });
});
