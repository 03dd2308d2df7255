import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { EXIT, type ExitCode, worseExit } from '../src/exit-codes.js';
import { importOptional, MissingPackageError } from '../src/optional-package.js';
import { drover, listFiles, mappedPath, tempDir, useServer } from './helpers.js';

/** A port nothing listens on: taken from the system, then closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A self-signed certificate for 127.0.0.1 made by openssl in `dir`, or undefined without openssl. */
function selfSigned(dir: string): { key: string; cert: string } | undefined {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { encoding: 'utf8', timeout: 10_000 },
  );
  return made.status === 0 ? { key, cert } : undefined;
}

/** `get` of the URLs into a fresh folder, one attempt each, quiet. */
async function getExit(t: { after(fn: () => Promise<void>): void }, ...args: string[]) {
  const dir = await tempDir(t);
  return drover(['get', ...args, '-d', dir, '--attempts', '1', '-q']);
}

/** A well-formed SHA-256 digest that no test body has. */
const WRONG_DIGEST = 'ab'.padEnd(64, '0');

// Issue #13: exit codes by cause, on wget2's model; a script can tell a network failure from a
// server error or a checksum mismatch.
describe('exit codes by cause', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('8 for a 404, and nothing written', async (t) => {
    const dir = await tempDir(t);
    const result = await drover(['get', `${kit.url}/status/404`, '-d', dir]);
    assert.equal(result.code, EXIT.server, result.stderr);
    assert.match(result.stderr, /server answered 404 \[ERR_DROVER_HTTP_STATUS, 1 attempt\]/);
    assert.deepEqual(await listFiles(dir), []);
  });

  it('6 for 401 and for 407 (credentials asked for), on get and on fetch', async (t) => {
    assert.equal((await getExit(t, `${kit.url}/status/401`)).code, EXIT.auth);
    assert.equal((await getExit(t, `${kit.url}/status/407`)).code, EXIT.auth);
    const fetched = await drover(['fetch', `${kit.url}/status/401`]);
    assert.equal(fetched.code, EXIT.auth, fetched.stderr);
    assert.match(fetched.stderr, /server answered 401/);
  });

  it('4 for a refused connection', async (t) => {
    const url = `http://127.0.0.1:${await closedPort()}/x.bin`;
    const result = await getExit(t, url);
    assert.equal(result.code, EXIT.network, result.stderr);
    assert.match(result.stderr, /ECONNREFUSED .*\[ERR_DROVER_NETWORK, 1 attempt\]/);
  });

  it('4 for a timeout and for a body cut short', async (t) => {
    const slow = await getExit(t, `${kit.url}/slow-headers?delay=5000`, '--headers-timeout', '200ms');
    assert.equal(slow.code, EXIT.network, slow.stderr);
    assert.match(slow.stderr, /headers timeout of 200 ms exceeded \[ERR_DROVER_TIMEOUT/);
    const short = await getExit(t, `${kit.url}/short?size=2000`);
    assert.equal(short.code, EXIT.network, short.stderr);
    assert.match(short.stderr, /\[ERR_DROVER_READ, 1 attempt\]/);
  });

  it('9 for a checksum= mismatch, and no file at the path', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/files/sum.bin?size=100`;
    await writeFile(path.join(dir, 'urls.txt'), `${url}\n  checksum=sha-256=${WRONG_DIGEST}\n`);
    const result = await drover(['get', '-i', 'urls.txt', '-d', 'out'], { cwd: dir });
    assert.equal(result.code, EXIT.checksum, result.stderr);
    assert.match(result.stderr, /mismatch: expected ab0+, got [0-9a-f]{64} \[ERR_DROVER_INTEGRITY/);
    assert.deepEqual(await listFiles(path.join(dir, 'out')), []);
  });

  it('3 for -d onto a file (the file system refuses), and the file is untouched', async (t) => {
    const dir = await tempDir(t);
    const file = path.join(dir, 'not-a-folder');
    await writeFile(file, 'keep me');
    const result = await drover(['get', `${kit.url}/files/io.bin?size=10`, '-d', file]);
    assert.equal(result.code, EXIT.io, result.stderr);
    assert.match(result.stderr, /cannot write .*ENOTDIR.*\[ERR_DROVER_FILE_SYSTEM, 1 attempt\]/);
    assert.equal(await readFile(file, 'utf8'), 'keep me');
  });

  it('7 for a redirect loop', async (t) => {
    const result = await getExit(t, `${kit.url}/redirect-loop/0`);
    assert.equal(result.code, EXIT.protocol, result.stderr);
    assert.match(result.stderr, /\[ERR_DROVER_REDIRECT, 1 attempt\]/);
  });

  it('5 for TLS spoken to a plain HTTP port (a failed handshake)', async (t) => {
    const result = await getExit(t, `${kit.url.replace('http:', 'https:')}/files/tls.bin`);
    assert.equal(result.code, EXIT.tls, result.stderr);
    assert.match(result.stderr, /\[ERR_DROVER_NETWORK, 1 attempt\]/);
  });

  it('0 when every URL is written', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/files/ok.bin?size=64`;
    const result = await drover(['get', url, '-d', dir]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.deepEqual(await readFile(mappedPath(dir, url)), fileContent('/files/ok.bin', 64));
  });
});

describe('a certificate that cannot be verified', { timeout: 60_000 }, () => {
  let server: Server | undefined;
  let url = '';
  let dir = '';
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'drover-tls-'));
    const pems = selfSigned(dir);
    if (pems === undefined) return;
    server = createHttpsServer(
      { key: await readFile(pems.key), cert: await readFile(pems.cert) },
      (_request, response) => response.end('secret'),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/secret.txt`;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('exits 5 for a self-signed certificate (openssl makes one)', async (t) => {
    if (server === undefined) {
      t.skip('openssl not found');
      return;
    }
    const result = await getExit(t, url);
    assert.equal(result.code, EXIT.tls, result.stderr);
    assert.match(result.stderr, /self-signed certificate.* \[ERR_DROVER_NETWORK, 1 attempt\]/);
  });
});

describe('the worst cause of a run wins', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('lower codes from 2 to 9 win, 1 loses to all', async (t) => {
    const refused = `http://127.0.0.1:${await closedPort()}/x.bin`;
    const missing = `${kit.url}/status/404`;
    const good = `${kit.url}/files/worst.bin?size=10`;
    // network (4) over server error (8), whatever the order.
    assert.equal((await getExit(t, missing, refused, good)).code, EXIT.network);
    assert.equal((await getExit(t, refused, missing)).code, EXIT.network);
    // server error (8) over a bad input line (1).
    assert.equal((await getExit(t, 'ftp://example.invalid/x', missing)).code, EXIT.server);
    // a bad input line alone: 1.
    const invalid = await getExit(t, 'ftp://example.invalid/x', good);
    assert.equal(invalid.code, EXIT.failed, invalid.stderr);
    assert.match(invalid.stderr, /\[ERR_DROVER_INVALID_URL, 0 attempts\]/);
  });

  it('check: a size that differs is 1; a URL that could not be checked gives its cause', async (t) => {
    const dir = await tempDir(t);
    const differs = await drover(['check', `${kit.url}/files/c.bin?size=10`, '-d', dir]);
    assert.equal(differs.code, EXIT.failed, differs.stderr);
    assert.match(differs.stdout, /local=missing remote=10/);
    const both = await drover([
      'check',
      `${kit.url}/files/c.bin?size=10`,
      `${kit.url}/status/404`,
      '-d',
      dir,
    ]);
    assert.equal(both.code, EXIT.server, both.stderr);
  });

  it('the order, in-process', () => {
    const order: ExitCode[] = [
      EXIT.ok,
      EXIT.failed,
      EXIT.checksum,
      EXIT.server,
      EXIT.protocol,
      EXIT.auth,
      EXIT.tls,
      EXIT.network,
      EXIT.io,
      EXIT.usage,
      EXIT.interrupted,
    ];
    for (const [i, lower] of order.entries()) {
      for (const higher of order.slice(i)) {
        assert.equal(worseExit(lower, higher), higher, `${lower} vs ${higher}`);
        assert.equal(worseExit(higher, lower), higher, `${higher} vs ${lower}`);
      }
    }
  });
});

describe('an optional package that is not installed', { timeout: 60_000 }, () => {
  it('is a MissingPackageError with the install hint; other failures pass through', async () => {
    const name = '@drover/not-installed-for-this-test';
    await assert.rejects(
      importOptional(name, 'drover worker', () => import(name)),
      (error: unknown) =>
        error instanceof MissingPackageError &&
        error.packageName === name &&
        error.message.includes(`npm install ${name}`) &&
        error.message.startsWith('drover worker needs'),
    );
    await assert.rejects(
      importOptional(name, 'drover worker', () => import(`${name}-either`)),
      (error: unknown) => !(error instanceof MissingPackageError),
    );
  });
});
