import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  checkDownloads,
  download,
  RequestStrategy,
  ResponseCheckError,
  retrieve,
  retrieveResults,
  ServiceError,
  TooLargeError,
  UNKNOWN_SIZE,
  uniqueFilename,
} from '@drover/core';
import { fileContent } from '@drover/testkit';
import { tempHome, useServer } from './helpers.js';

interface Echo {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

describe('retrieve', () => {
  const kit = useServer();

  it('one URL gives one value, a list gives a list in input order', async () => {
    const single = await retrieve(`${kit.url}/json?n=2`, 'json');
    assert.deepEqual(single, { ok: true, n: 2, items: [0, 1] });
    const many = await retrieve(
      [`${kit.url}/json?n=1&delay=1`, `${kit.url}/files/t.txt?size=5`, `${kit.url}/json?n=3`],
      'text',
      { concurrent: 3 },
    );
    assert.equal(many.length, 3);
    assert.equal(JSON.parse(many[0] as string).n, 1);
    assert.equal(many[1], fileContent('/files/t.txt', 5).toString('utf8'));
    assert.equal(JSON.parse(many[2] as string).n, 3);
    const binary = await retrieve(`${kit.url}/files/b.bin?size=1000`, 'binary');
    assert.deepEqual(binary, fileContent('/files/b.bin', 1000));
  });

  it('sends the method, body, headers and query params asked for', async () => {
    const echo = (await retrieve(`${kit.url}/echo?x=1`, 'json', {
      method: 'POST',
      data: { hello: 'world' },
      headers: { 'x-drover': 'yes' },
      params: { page: 2 },
    })) as Echo;
    assert.equal(echo.method, 'POST');
    assert.equal(echo.path, '/echo?x=1&page=2');
    assert.equal(echo.headers['x-drover'], 'yes');
    assert.deepEqual(JSON.parse(echo.body), { hello: 'world' });
  });

  it('per-URL request options must match the URLs one to one', async () => {
    const urls = [`${kit.url}/echo`, `${kit.url}/echo`];
    const echoes = (await retrieve(urls, 'json', {
      headers: { shared: 's' },
      requestOptions: [{ method: 'PUT', data: 'a' }, { headers: { own: 'o' } }],
    })) as Echo[];
    assert.equal(echoes[0]?.method, 'PUT');
    assert.equal(echoes[0]?.body, 'a');
    assert.equal(echoes[1]?.headers.own, 'o');
    assert.equal(echoes[1]?.headers.shared, 's');
    await assert.rejects(retrieve(urls, 'json', { requestOptions: [{}] }), {
      name: 'TypeError',
      message: /`requestOptions` to have one entry per URL \(2\), got 1/,
    });
  });

  it('raiseStatus on: a ServiceError naming the URL once retries are exhausted', async () => {
    const url = `${kit.url}/flaky/svc-${Date.now()}?fail=10`;
    await assert.rejects(retrieve(url, 'text', { maxAttempts: 2 }), (error: unknown) => {
      assert.ok(error instanceof ServiceError);
      assert.equal(error.url, url);
      assert.equal(error.status, 500);
      assert.match(error.message, /server answered 500/);
      return true;
    });
    assert.equal(kit.server.hits(new URL(url).pathname.slice('/flaky/'.length)), 2);
  });

  it('raiseStatus off: undefined in that slot, the error in retrieveResults', async () => {
    const urls = [`${kit.url}/status/404`, `${kit.url}/json?n=1`];
    const values = await retrieve(urls, 'json', { raiseStatus: false });
    assert.equal(values[0], undefined);
    assert.equal((values[1] as { n: number }).n, 1);
    const results = await retrieveResults(urls, 'json');
    assert.equal(results[0]?.error?.code, 'ERR_DROVER_HTTP_STATUS');
    assert.equal(results[1]?.error, undefined);
  });

  it('a body over the size limit is an error, not an out-of-memory crash', async () => {
    const [announced, bomb] = await retrieveResults(
      [`${kit.url}/files/big?size=200000`, `${kit.url}/gzip-bomb?size=50000000`],
      'binary',
      { maxBytes: 100_000 },
    );
    assert.ok(announced?.error instanceof TooLargeError);
    assert.ok(bomb?.error instanceof TooLargeError);
    assert.equal(bomb.bundle.attempts, 1);
  });

  it('a response check refuses 200s with an error payload, retried within maxAttempts', async () => {
    const key = `check-${Date.now()}`;
    const value = await retrieve(`${kit.url}/json-error?key=${key}&fail=2`, 'json', {
      maxAttempts: 3,
      responseCheck: (body) => (body as { error?: string }).error === undefined || 'payload says error',
    });
    assert.deepEqual(value, { ok: true });
    const [result] = await retrieveResults([`${kit.url}/json-error?key=${key}-x&fail=5`], 'json', {
      maxAttempts: 2,
      responseCheck: (body) => (body as { error?: string }).error === undefined,
    });
    assert.ok(result?.error instanceof ResponseCheckError);
    assert.equal(result.bundle.attempts, 2);
  });

  it('defaults come from the environment', async (t) => {
    process.env.DROVER_MAX_CONCURRENT_CALLS = '2';
    t.after(() => {
      delete process.env.DROVER_MAX_CONCURRENT_CALLS;
    });
    kit.server.reset();
    const urls = Array.from({ length: 6 }, (_, i) => `${kit.url}/files/env/${i}?size=1&delay=40`);
    await retrieve(urls, 'binary');
    assert.equal(kit.server.inFlight('/files/env/').max, 2);
    process.env.DROVER_MAX_CONCURRENT_CALLS = 'many';
    await assert.rejects(retrieve(urls, 'binary'), /DROVER_MAX_CONCURRENT_CALLS.*`many`/);
  });
});

describe('download and checkDownloads', () => {
  const kit = useServer();

  it('download makes parent folders, returns per-item results and skips files of the right size', async (t) => {
    const home = await tempHome(t);
    const urls = [`${kit.url}/files/d/a?size=1000`, `${kit.url}/status/500`, `${kit.url}/files/d/c?size=10`];
    const paths = urls.map((_, i) => path.join(home, 'deep', 'er', `${i}.bin`));
    const first = await download(urls, paths, { maxAttempts: 1 });
    assert.deepEqual(
      first.map((bundle) => bundle.status),
      ['written', 'failed', 'written'],
    );
    assert.deepEqual(await readFile(paths[0] as string), fileContent('/files/d/a', 1000));
    kit.server.reset();
    const second = await download([urls[0] as string], [paths[0] as string]);
    assert.equal(second[0]?.status, 'cached');
    assert.deepEqual(
      kit.server.log.map((entry) => entry.method),
      ['HEAD'],
    );
    await assert.rejects(
      download(urls, [paths[0] as string]),
      /`paths` to have one entry per URL \(3\), got 1/,
    );
  });

  it('checkDownloads reports files whose size differs, and unknown remote sizes as unknown', async (t) => {
    const home = await tempHome(t);
    const good = path.join(home, 'good');
    const short = path.join(home, 'short');
    const unknown = path.join(home, 'unknown');
    const noHead = path.join(home, 'no-head');
    const missing = path.join(home, 'missing');
    await mkdir(home, { recursive: true });
    await writeFile(good, fileContent('/files/c/good', 100));
    await writeFile(short, fileContent('/files/c/short', 100).subarray(0, 60));
    await writeFile(unknown, 'x');
    await writeFile(noHead, 'tiny');
    const mismatched = await checkDownloads(
      [
        `${kit.url}/files/c/good?size=100`,
        `${kit.url}/files/c/short?size=100`,
        `${kit.url}/status/404`,
        `${kit.url}/no-head/c?size=50`,
        `${kit.url}/files/c/missing?size=5`,
      ],
      [good, short, unknown, noHead, missing],
    );
    assert.deepEqual(
      [...mismatched.entries()].sort(),
      [
        [noHead, 50],
        [short, 100],
        [unknown, UNKNOWN_SIZE],
      ].sort(),
    );
    const getAfterHead = kit.server.requests('/no-head/').map((entry) => entry.method);
    assert.deepEqual(getAfterHead, ['HEAD', 'GET']);
  });
});

describe('uniqueFilename', () => {
  it('is stable, order-independent, and different for different requests', () => {
    const a = uniqueFilename('http://h/q?x=1', { params: { b: 2, a: 1 }, fileExtension: 'json' });
    const b = uniqueFilename('http://h/q?x=1', { params: { a: 1, b: 2 }, fileExtension: '.json' });
    assert.equal(a, b);
    assert.match(a, /^[0-9a-f]{64}\.json$/);
    assert.equal(uniqueFilename('http://h/q?b=2&a=1'), uniqueFilename('http://h/q?a=1&b=2'));
    assert.notEqual(
      uniqueFilename('http://h/q', { params: { a: 1 } }),
      uniqueFilename('http://h/q', { params: { a: 2 } }),
    );
    assert.notEqual(
      uniqueFilename('http://h/q', { data: { a: 1 } }),
      uniqueFilename('http://h/q', { data: { a: 2 } }),
    );
    assert.equal(
      uniqueFilename('http://h/q', { data: { a: 1, b: 2 } }),
      uniqueFilename('http://h/q', { data: { b: 2, a: 1 } }),
    );
    assert.notEqual(uniqueFilename('http://h/q', { data: '1' }), uniqueFilename('http://h/q', { data: 1 }));
    assert.match(uniqueFilename('http://h/q', { prefix: 'wx-' }), /^wx-[0-9a-f]{64}$/);
    assert.throws(() => uniqueFilename('http://h/q', { prefix: '../' }), /`prefix`/);
  });
});

// Issue #11: the functional layer keeps tiny-retriever's defaults and never ignores an option silently.
describe('retriever defaults and option checks', () => {
  const kit = useServer();

  it('four requests per host at most, by default', async () => {
    const urls = Array.from({ length: 12 }, (_, i) => `${kit.url}/slow-headers?delay=100&size=10&i=${i}`);
    kit.server.reset();
    const bodies = await retrieve(urls, 'text', { concurrent: 10 });
    assert.equal(bodies.length, 12);
    assert.equal(kit.server.inFlight('/slow-headers').max, 4);
  });

  it('a requestStrategy together with options it would override is refused, naming them', async () => {
    await assert.rejects(
      retrieve(`${kit.url}/json`, 'json', {
        requestStrategy: new RequestStrategy(),
        timeout: 1000,
        concurrent: 2,
      }),
      /`requestStrategy` or `concurrent`, `timeout`/,
    );
  });
});
