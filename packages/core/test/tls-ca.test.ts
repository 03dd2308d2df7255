import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import {
  AioDownload,
  DownloadStrategy,
  download,
  NetworkError,
  one,
  RequestStrategy,
  retrieve,
  retrieveResults,
  type TransportName,
} from '@drover/core';
import { createTestServer, fileContent, testCertificate } from '@drover/testkit';
import { tempHome } from './helpers.js';

const TRANSPORTS: readonly TransportName[] = ['undici', 'axios'];

describe('AioDownload `ca`: trusted certificate authorities for TLS', { timeout: 60_000 }, () => {
  it('trusts a self-signed server given its certificate, refuses it without, on both transports', async (t) => {
    const certificate = await testCertificate({ hostname: '127.0.0.1' });
    const server = await createTestServer({ tls: { key: certificate.key, cert: certificate.cert } });
    t.after(() => server.close());
    const url = `${server.url}/files/tls-ca.bin?size=300`;
    for (const transport of TRANSPORTS) {
      const home = await tempHome(t);
      const make = (ca?: string): AioDownload => {
        const download = new AioDownload({
          transport,
          requestStrategy: new RequestStrategy({ maxAttempts: 1 }),
          downloadStrategy: new DownloadStrategy({ home }),
          ...(ca === undefined ? {} : { ca }),
        });
        t.after(() => download.close());
        return download;
      };
      const refused = await one(url, make());
      assert.ok(refused.error instanceof NetworkError, `${transport}: ${refused.error?.message}`);
      assert.equal(refused.status, 'failed');
      const trusted = await one(url, make(certificate.ca));
      assert.equal(trusted.status, 'written', `${transport}: ${trusted.error?.message}`);
      assert.deepEqual(await readFile(trusted.filePath as string), fileContent('/files/tls-ca.bin', 300));
    }
    assert.equal(
      server.requests('/files/tls-ca.bin').length,
      TRANSPORTS.length,
      'only trusted handshakes got through',
    );
  });

  it('a `ca` that did not sign the certificate is refused', async (t) => {
    const served = await testCertificate({ hostname: '127.0.0.1' });
    const other = await testCertificate({ hostname: '127.0.0.1' });
    const server = await createTestServer({ tls: { key: served.key, cert: served.cert } });
    t.after(() => server.close());
    for (const transport of TRANSPORTS) {
      const download = new AioDownload({
        transport,
        requestStrategy: new RequestStrategy({ maxAttempts: 1 }),
        downloadStrategy: new DownloadStrategy({ home: await tempHome(t) }),
        ca: [other.ca],
      });
      t.after(() => download.close());
      const bundle = await one(`${server.url}/files/other-ca?size=10`, download);
      assert.equal(bundle.status, 'failed', transport);
      assert.ok(bundle.error instanceof NetworkError, `${transport}: ${bundle.error?.message}`);
    }
    assert.equal(server.log.length, 0);
  });
});

describe('retrieve and download take the same TLS options', { timeout: 60_000 }, () => {
  it('`ca` and `rejectUnauthorized` reach the coordinator they build', async (t) => {
    const certificate = await testCertificate({ hostname: '127.0.0.1' });
    const server = await createTestServer({ tls: { key: certificate.key, cert: certificate.cert } });
    t.after(() => server.close());
    const url = `${server.url}/json?n=2`;
    const refused = await retrieveResults([url], 'json', { maxAttempts: 1 });
    assert.ok(refused[0]?.error instanceof NetworkError);
    assert.deepEqual(await retrieve(url, 'json', { ca: certificate.ca }), { ok: true, n: 2, items: [0, 1] });
    assert.deepEqual(await retrieve(url, 'json', { rejectUnauthorized: false }), {
      ok: true,
      n: 2,
      items: [0, 1],
    });
    const home = await tempHome(t);
    const [bundle] = await download([`${server.url}/files/tls.bin?size=10`], [`${home}/tls.bin`], {
      ca: certificate.ca,
    });
    assert.equal(bundle?.status, 'written', bundle?.error?.message);
  });
});
