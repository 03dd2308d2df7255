import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  createTestServer,
  fileContent,
  SITE_EXTERNAL_LINK,
  SITE_PAGE_COUNT,
  type TestServer,
} from '../src/index.js';
import { fetchBytes, rawRequest } from './helpers.js';

let server: TestServer;
before(async () => {
  server = await createTestServer();
});
after(() => server.close());

test('/gzip sends gzip-compressed content with its compressed length', async () => {
  const raw = await rawRequest(`${server.url}/gzip?size=5000`);
  assert.equal(raw.headers['content-encoding'], 'gzip');
  assert.equal(raw.headers['content-length'], String(raw.body.length));
  assert.deepEqual(gunzipSync(raw.body), fileContent('/gzip', 5000));
  const decoded = await fetchBytes(`${server.url}/gzip?size=5000`);
  assert.deepEqual(decoded.body, fileContent('/gzip', 5000));
});

test('/gzip-bomb expands to size zero bytes', async () => {
  const raw = await rawRequest(`${server.url}/gzip-bomb?size=${3 * 1024 * 1024 + 11}`);
  assert.equal(raw.headers['content-encoding'], 'gzip');
  assert.ok(raw.body.length < 10_000);
  const out = gunzipSync(raw.body);
  assert.equal(out.length, 3 * 1024 * 1024 + 11);
  assert.ok(out.every((byte) => byte === 0));
});

test('/gzip-bomb of 1 GiB can be abandoned early', async () => {
  await new Promise<void>((resolve, reject) => {
    const req = request(`${server.url}/gzip-bomb`, { agent: false }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (error) => (error.message === 'socket hang up' ? resolve() : reject(error)));
    req.end();
  });
});

test('/json and /json-error', async () => {
  assert.deepEqual(await (await fetch(`${server.url}/json?n=4`)).json(), {
    ok: true,
    n: 4,
    items: [0, 1, 2, 3],
  });
  const url = `${server.url}/json-error?key=j1&fail=2`;
  assert.deepEqual(await (await fetch(url)).json(), { error: 'try again' });
  assert.deepEqual(await (await fetch(url)).json(), { error: 'try again' });
  const last = await fetch(url);
  assert.equal(last.status, 200);
  assert.deepEqual(await last.json(), { ok: true });
});

test('/echo describes the request', async () => {
  const res = await fetch(`${server.url}/echo?q=1`, {
    method: 'POST',
    headers: { 'X-Test': 'yes' },
    body: 'héllo',
  });
  const echo = (await res.json()) as {
    method: string;
    path: string;
    headers: Record<string, string>;
    body: string;
  };
  assert.equal(echo.method, 'POST');
  assert.equal(echo.path, '/echo?q=1');
  assert.equal(echo.headers['x-test'], 'yes');
  assert.equal(echo.body, 'héllo');
});

test('/site links pages, an external host and a missing page', async () => {
  const index = await fetch(`${server.url}/site/`);
  assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await index.text(), /href="page-0\.html"/);
  const seen = new Set<string>();
  let queue = [`${server.url}/site/`];
  // Bounded breadth-first crawl: every page is reachable and links stay on the site.
  for (let round = 0; round < 40 && queue.length > 0; round++) {
    const next: string[] = [];
    for (const url of queue) {
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await fetch(url);
      const html = await res.text();
      if (!res.ok) continue;
      assert.ok(html.includes(SITE_EXTERNAL_LINK));
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
        const target = new URL(href ?? '', url);
        target.hash = '';
        if (target.origin === server.url) next.push(target.href);
      }
    }
    queue = next;
  }
  const pages = [...seen].filter((url) => /page-\d+\.html$/.test(url));
  assert.equal(pages.length, SITE_PAGE_COUNT);
  assert.equal((await fetchBytes(`${server.url}/site/missing.html`)).status, 404);
  assert.equal((await fetchBytes(`${server.url}/site/page-30.html`)).status, 404);
});

test('unknown paths answer 404', async () => {
  const res = await fetchBytes(`${server.url}/nope`);
  assert.equal(res.status, 404);
});

test('/auth/basic answers 200 only to the expected Basic credentials', async () => {
  const basic = (text: string) => ({ authorization: `Basic ${Buffer.from(text).toString('base64')}` });
  const none = await rawRequest(`${server.url}/auth/basic`);
  assert.equal(none.status, 401);
  assert.match(String(none.headers['www-authenticate']), /^Basic realm="testkit"/);
  const defaults = await rawRequest(`${server.url}/auth/basic`, { headers: basic('drover:open-sesame') });
  assert.equal(defaults.status, 200);
  assert.deepEqual(JSON.parse(defaults.body.toString()), { user: 'drover' });
  const url = `${server.url}/auth/basic?user=al%C3%AFce&pass=p%40ss%3Aw`;
  assert.equal((await rawRequest(url, { headers: basic('alïce:p@ss:w') })).status, 200);
  assert.equal((await rawRequest(url, { headers: basic('alïce:p@ss') })).status, 401);
  assert.equal((await rawRequest(url, { headers: { authorization: 'Bearer x' } })).status, 401);
});
