import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestServer, fileContent, type TestServer, testCertificate } from '@drover/testkit';
import { drover, listFiles, tempDir } from './helpers.js';

describe('drover TLS flags: --insecure, --ca-certificate', { timeout: 60_000 }, () => {
  let server: TestServer | undefined;
  let ca = '';
  before(async () => {
    const certificate = await testCertificate({ hostname: '127.0.0.1' });
    ca = certificate.ca;
    server = await createTestServer({ tls: { key: certificate.key, cert: certificate.cert } });
  });
  after(() => server?.close());
  const url = (name: string): string => `${server?.url}/files/${name}?size=200`;

  it('a self-signed server is refused by default: exit 5 (TLS), no file', async (t) => {
    const dir = await tempDir(t);
    const result = await drover(['get', url('strict.bin')], { cwd: dir });
    assert.equal(result.code, 5, result.stderr);
    assert.match(result.stderr, /self[- ]signed/i);
    assert.deepEqual(await listFiles(dir), []);
  });

  it('-k/--insecure downloads from it', async (t) => {
    const dir = await tempDir(t);
    const result = await drover(['get', '--insecure', url('lax.bin')], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await readFile(path.join(dir, 'lax.bin')), fileContent('/files/lax.bin', 200));
  });

  it('--ca-certificate FILE trusts its certificate, for get and fetch', async (t) => {
    const dir = await tempDir(t);
    await writeFile(path.join(dir, 'ca.pem'), ca);
    const got = await drover(['get', '--ca-certificate', 'ca.pem', url('ca.bin')], { cwd: dir });
    assert.equal(got.code, 0, got.stderr);
    assert.deepEqual(await readFile(path.join(dir, 'ca.bin')), fileContent('/files/ca.bin', 200));
    const fetched = await drover(['fetch', '--ca-certificate', 'ca.pem', `${server?.url}/status/200`], {
      cwd: dir,
    });
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.match(fetched.stdout, /status 200/);
  });

  it('a --ca-certificate that cannot be read, or holds no certificate, is a usage error (exit 2)', async (t) => {
    const dir = await tempDir(t);
    const missing = await drover(['get', '--ca-certificate', 'nope.pem', url('x.bin')], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--ca-certificate cannot read nope\.pem \(ENOENT\)/);
    await writeFile(path.join(dir, 'empty.pem'), 'not a certificate');
    const empty = await drover(['get', '--ca-certificate', 'empty.pem', url('x.bin')], { cwd: dir });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /expects a PEM file with a certificate/);
    assert.equal(server?.requests('/files/x.bin').length, 0);
  });
});
