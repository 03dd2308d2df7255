import assert from 'node:assert/strict';
import { request } from 'node:https';
import { test } from 'node:test';
import { createTestServer, fileContent, testCertificate } from '../src/index.js';

/** An HTTPS GET that never rejects: the status, or the TLS error's code. */
function get(url: string, ca?: string): Promise<{ status?: number; code?: string; body?: string }> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, ...(ca === undefined ? {} : { ca }) }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('latin1');
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ code: error.code ?? 'unknown' }));
    req.end();
  });
}

test('a self-signed certificate: refused, and once trusted, wrong for 127.0.0.1', async (t) => {
  const certificate = await testCertificate({ hostname: 'wrong-host.invalid' });
  const server = await createTestServer({ tls: certificate });
  t.after(() => server.close());
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(certificate.ca, certificate.cert);
  assert.deepEqual(await get(`${server.url}/files/a?size=4`), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  assert.deepEqual(await get(`${server.url}/files/a?size=4`, certificate.ca), {
    code: 'ERR_TLS_CERT_ALTNAME_INVALID',
  });
});

test('a certificate for the right name, once trusted, serves the routes over HTTPS', async (t) => {
  const certificate = await testCertificate({ hostname: '127.0.0.1' });
  const server = await createTestServer({ tls: certificate });
  t.after(() => server.close());
  const ok = await get(`${server.url}/files/a?size=64`, certificate.ca);
  assert.equal(ok.status, 200);
  assert.equal(ok.body, fileContent('/files/a', 64).toString('latin1'));
});

test('an expired certificate and one from an unknown issuer', async (t) => {
  const expired = await createTestServer({ tls: await testCertificate({ kind: 'expired' }) });
  t.after(() => expired.close());
  assert.deepEqual(await get(`${expired.url}/x`), { code: 'CERT_HAS_EXPIRED' });
  const leaf = await testCertificate({ kind: 'unknown-issuer', hostname: '127.0.0.1' });
  assert.notEqual(leaf.ca, leaf.cert);
  const alone = await createTestServer({ tls: leaf });
  t.after(() => alone.close());
  assert.deepEqual(await get(`${alone.url}/x`), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  assert.equal((await get(`${alone.url}/files/x?size=1`, leaf.ca)).status, 200);
  const chained = await createTestServer({ tls: { key: leaf.key, cert: leaf.cert + leaf.ca } });
  t.after(() => chained.close());
  assert.deepEqual(await get(`${chained.url}/x`), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
});
