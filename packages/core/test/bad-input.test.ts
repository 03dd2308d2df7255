import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  AioDownload,
  Bundle,
  DownloadStrategy,
  NetworkError,
  one,
  RedirectError,
  RequestStrategy,
  retrieve,
  swarm,
  TooLargeError,
  urlToRelativePath,
} from '@drover/core';
import { createTestServer } from '@drover/testkit';
import { coordinator, listFiles, tempHome, useServer } from './helpers.js';

const run = promisify(execFile);

describe('bad input: a clear typed error, the rest of the batch unharmed', () => {
  const kit = useServer();

  it('malformed URLs, other schemes and redirects to them fail alone', async (t) => {
    const home = await tempHome(t);
    const bundles = await swarm(
      [
        'http://',
        'http://exa mple.com/',
        'javascript:alert(1)',
        'file:///etc/passwd',
        `${kit.url}/redirect-to?url=${encodeURIComponent('file:///etc/passwd')}`,
        `${kit.url}/redirect-to?url=${encodeURIComponent('ftp://127.0.0.1/x')}`,
        `${kit.url}/files/fine?size=10`,
      ],
      coordinator(t, home, new RequestStrategy({ concurrent: 4 })),
    );
    assert.deepEqual(
      bundles.map((bundle) => bundle.error?.code ?? bundle.status),
      [
        'ERR_DROVER_INVALID_URL',
        'ERR_DROVER_INVALID_URL',
        'ERR_DROVER_INVALID_URL',
        'ERR_DROVER_INVALID_URL',
        'ERR_DROVER_REDIRECT',
        'ERR_DROVER_REDIRECT',
        'written',
      ],
    );
    assert.ok(bundles[4]?.error instanceof RedirectError);
    assert.match(String(bundles[4]?.error?.message), /file:/);
  });

  it('a file name over the OS limit is a FileSystemError', async (t) => {
    const home = await tempHome(t);
    const [long, fine] = await swarm(
      [
        new Bundle(`${kit.url}/files/x?size=10`, { filePath: 'n'.repeat(300) }),
        `${kit.url}/files/ok?size=10`,
      ],
      coordinator(t, home, new RequestStrategy({ concurrent: 4 })),
    );
    assert.equal(long?.error?.code, 'ERR_DROVER_FILE_SYSTEM');
    assert.equal((long?.error as { systemCode?: string } | undefined)?.systemCode, 'ENAMETOOLONG');
    assert.equal(fine?.status, 'written');
  });

  it('a body larger than maxContentLength fails before or while reading; a gzip bomb too', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(
      t,
      home,
      new RequestStrategy({ concurrent: 2, maxContentLength: 1_000_000 }),
    );
    const [announced, bomb, fine] = await swarm(
      [
        `${kit.url}/files/huge?size=5000000`,
        `${kit.url}/gzip-bomb?size=1000000000`,
        `${kit.url}/files/ok?size=10`,
      ],
      download,
    );
    assert.ok(announced?.error instanceof TooLargeError);
    assert.equal(announced.history[0]?.bytes, 0);
    assert.ok(bomb?.error instanceof TooLargeError);
    assert.ok((bomb.history[0]?.bytes ?? Infinity) < 10_000_000, `${bomb.history[0]?.bytes} wire bytes`);
    assert.equal(fine?.status, 'written');
    assert.deepEqual(await listFiles(home), [path.relative(home, fine?.filePath as string)]);
  });

  it('a full disk (file size limit in a child process) fails that file only, leaving no partial file', async (t) => {
    const home = await tempHome(t);
    const big = path.join(home, urlToRelativePath(`${kit.url}/files/disk/big?size=3000000`));
    await mkdir(path.dirname(big), { recursive: true });
    await writeFile(big, 'previous good file');
    const child = path.join(import.meta.dirname, 'fixtures', 'full-disk-child.ts');
    const script = `ulimit -f 1024; exec "${process.execPath}" --import tsx --conditions=source "${child}" "$0" "$1"`;
    const { stdout } = await run('bash', ['-c', script, kit.url, home], { timeout: 30_000 });
    const [bigResult, smallResult] = JSON.parse(stdout.trim().split('\n').at(-1) as string);
    assert.equal(bigResult.code, 'ERR_DROVER_FILE_SYSTEM', bigResult.message);
    assert.equal(bigResult.systemCode, 'EFBIG');
    assert.equal(smallResult.status, 'written');
    assert.equal(await readFile(big, 'utf8'), 'previous good file');
    assert.ok((await listFiles(home)).every((file) => !file.includes('.part')));
  });

  it('Authorization and Cookie headers are not sent to another origin after a redirect', async (t) => {
    const other = await createTestServer();
    t.after(() => other.close());
    const headers = { authorization: 'Bearer secret', cookie: 'session=1', 'x-plain': 'kept' };
    const away = (await retrieve(
      `${kit.url}/redirect-to?url=${encodeURIComponent(`${other.url}/echo`)}`,
      'json',
      {
        headers,
      },
    )) as { headers: Record<string, string> };
    assert.equal(away.headers.authorization, undefined);
    assert.equal(away.headers.cookie, undefined);
    assert.equal(away.headers['x-plain'], 'kept');
    const home = (await retrieve(
      `${kit.url}/redirect-to?url=${encodeURIComponent(`${kit.url}/echo`)}`,
      'json',
      {
        headers,
      },
    )) as { headers: Record<string, string> };
    assert.equal(home.headers.authorization, 'Bearer secret');
  });

  it('TLS certificates are checked unless explicitly turned off', async (t) => {
    const dir = await tempHome(t);
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ]);
    const server = https.createServer(
      { key: await readFile(key), cert: await readFile(cert) },
      (_req, res) => {
        res.setHeader('content-length', 5);
        res.end('hello');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      server.closeAllConnections();
      server.close();
    });
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/tls`;
    const strict = await one(url, coordinator(t, dir, new RequestStrategy({ concurrent: 4 })));
    assert.ok(strict.error instanceof NetworkError, strict.error?.message);
    assert.match(strict.error.message, /self[- ]signed/i);
    const lax = new AioDownload({
      requestStrategy: new RequestStrategy(),
      downloadStrategy: new DownloadStrategy({ home: dir }),
      rejectUnauthorized: false,
    });
    t.after(() => lax.close());
    const trusted = await one(url, lax);
    assert.equal(trusted.status, 'written');
    assert.equal(await readFile(trusted.filePath as string, 'utf8'), 'hello');
  });

  it('hostile header values are refused before anything is sent', async (t) => {
    const home = await tempHome(t);
    kit.server.reset();
    const [bad, fine] = await swarm(
      [
        new Bundle(`${kit.url}/echo`, { headers: { 'x-evil': 'a\r\nInjected: 1' } }),
        `${kit.url}/files/after?size=1`,
      ],
      coordinator(t, home, new RequestStrategy({ concurrent: 4 })),
    );
    assert.equal(bad?.status, 'failed');
    assert.equal(bad?.error?.code, 'ERR_DROVER_INVALID_REQUEST');
    assert.equal(bad?.error?.requestSent, false);
    assert.equal(bad?.attempts, 0);
    assert.equal(fine?.status, 'written');
    assert.deepEqual(
      kit.server.log.map((entry) => entry.path),
      ['/files/after?size=1'],
    );
  });
});
