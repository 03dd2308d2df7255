import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  BackOff,
  Bundle,
  NetworkError,
  one,
  RedirectError,
  RequestStrategy,
  swarm,
  TimeoutError,
  urlToRelativePath,
} from '@drover/core';
import { fileContent } from '@drover/testkit';
import { coordinator, listFiles, tempHome, useServer } from './helpers.js';

describe('failures leave no partial file and never clobber a good one', () => {
  const kit = useServer();
  const quick = () =>
    new BackOff({ sleep: 1, maxAttempts: 2, idleTimeout: 150, headersTimeout: 300, timeout: 2000 });

  const broken: Array<[string, string]> = [
    ['a connection reset mid-body', '/reset?size=100000&after=5000'],
    ['a body shorter than Content-Length', '/short?size=100000&send=5000'],
    ['a body that stalls', '/stall?size=100000&after=5000'],
    ['a server error', '/status/500'],
    ['a redirect loop', '/redirect-loop/0'],
    ['a server that closes mid-headers', '/headers-close'],
  ];

  for (const [name, route] of broken) {
    it(`${name}: failed bundle, nothing at the path, no .part left`, async (t) => {
      const home = await tempHome(t);
      const bundle = await one(`${kit.url}${route}`, coordinator(t, home, quick()));
      assert.equal(bundle.status, 'failed', bundle.statusMsg);
      assert.ok(bundle.error?.message.includes(bundle.url), bundle.error?.message);
      assert.deepEqual(await listFiles(home), []);
    });

    it(`${name}: a good file already at the path survives`, async (t) => {
      const home = await tempHome(t);
      const url = `${kit.url}${route}`;
      const target = path.join(home, urlToRelativePath(url));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, 'good old bytes');
      const bundle = await one(url, coordinator(t, home, quick()));
      assert.equal(bundle.status, 'failed');
      assert.equal(await readFile(target, 'utf8'), 'good old bytes');
      assert.deepEqual(await listFiles(home), [path.relative(home, target)]);
    });
  }

  it('a successful download replaces an old file atomically with verified bytes', async (t) => {
    const home = await tempHome(t);
    const url = `${kit.url}/files/replace.bin?size=70000`;
    const target = path.join(home, urlToRelativePath(url));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, 'old');
    const bundle = await one(url, coordinator(t, home, quick()));
    assert.equal(bundle.status, 'written');
    assert.deepEqual(await readFile(target), fileContent('/files/replace.bin', 70000));
  });

  it('each timeout is a typed error naming its phase', async (t) => {
    const home = await tempHome(t);
    const strategy = new RequestStrategy({ headersTimeout: 150, idleTimeout: 150, timeout: 600 });
    const download = coordinator(t, home, strategy);
    const [headers, idle, total] = await swarm(
      [
        `${kit.url}/slow-headers?delay=2000`,
        `${kit.url}/stall?size=1000&after=10`,
        `${kit.url}/drip?size=100000&chunk=100&interval=50`,
      ],
      download,
    );
    for (const [bundle, phase] of [
      [headers, 'headers'],
      [idle, 'idle'],
      [total, 'total'],
    ] as const) {
      assert.ok(bundle?.error instanceof TimeoutError, bundle?.statusMsg);
      assert.equal(bundle.error.phase, phase);
      assert.equal(bundle.error.code, 'ERR_DROVER_TIMEOUT');
      assert.equal(bundle.error.transient, true);
    }
    assert.deepEqual(await listFiles(home), []);
  });

  it('a refused connection is a NetworkError that says no byte was sent', async (t) => {
    const home = await tempHome(t);
    const bundle = await one('http://127.0.0.1:1/nothing', coordinator(t, home, new RequestStrategy()));
    assert.ok(bundle.error instanceof NetworkError);
    assert.equal(bundle.error.systemCode, 'ECONNREFUSED');
    assert.equal(bundle.error.requestSent, false);
    assert.match(bundle.error.message, /^GET http:\/\/127\.0\.0\.1:1\/nothing: /);
  });

  it('a redirect loop is a RedirectError', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(`${kit.url}/redirect-loop/0`, coordinator(t, home, new RequestStrategy()));
    assert.ok(bundle.error instanceof RedirectError, bundle.error?.message);
    assert.equal(bundle.error.code, 'ERR_DROVER_REDIRECT');
  });
});

describe('non-idempotent requests', () => {
  const kit = useServer();

  it('a POST that reached the server is not retried', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 3 }));
    const k = `post-${Date.now()}`;
    const bundle = await one(
      new Bundle(`${kit.url}/flaky/${k}?fail=5`, { method: 'POST', data: 'x' }),
      download,
    );
    assert.equal(bundle.attempts, 1);
    assert.equal(kit.server.hits(k), 1);
  });

  it('a POST is retried when the caller opts in', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(
      t,
      home,
      new BackOff({ sleep: 1, maxAttempts: 3, retryNonIdempotent: true }),
    );
    const k = `post-opt-${Date.now()}`;
    const bundle = await one(
      new Bundle(`${kit.url}/flaky/${k}?fail=1`, { method: 'POST', data: 'x' }),
      download,
    );
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.attempts, 2);
  });

  it('a POST that failed before any byte was sent is retried', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 3 }));
    const bundle = await one(new Bundle('http://127.0.0.1:1/post', { method: 'POST', data: 'x' }), download);
    assert.equal(bundle.attempts, 3);
    assert.equal(bundle.error?.requestSent, false);
  });

  it('PUT and DELETE are idempotent and retried', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 2 }));
    const k = `put-${Date.now()}`;
    const bundle = await one(
      new Bundle(`${kit.url}/flaky/${k}?fail=1`, { method: 'PUT', data: 'x' }),
      download,
    );
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.attempts, 2);
  });
});
