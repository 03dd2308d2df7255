import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestServer, type TestServer } from '../src/index.js';

describe('/api/items and Content-Disposition', () => {
  let server: TestServer;
  before(async () => {
    server = await createTestServer();
  });
  after(() => server.close());

  it('pages link to the next one and the first hit of every third page is a 429', async () => {
    const first = await fetch(`${server.url}/api/items?page=0&pages=3&per=2&key=a`);
    assert.deepEqual(await first.json(), {
      page: 0,
      pages: 3,
      items: [0, 1],
      next: '/api/items?page=1&pages=3&per=2&key=a',
    });
    const limited = await fetch(`${server.url}/api/items?page=2&pages=3&per=2&key=a`);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '0');
    await limited.arrayBuffer();
    const last = await fetch(`${server.url}/api/items?page=2&pages=3&per=2&key=a`);
    assert.deepEqual(await last.json(), { page: 2, pages: 3, items: [4, 5], next: null });
  });

  it('files can name themselves with Content-Disposition, quotes and line breaks removed', async () => {
    const response = await fetch(
      `${server.url}/files/x?size=3&filename=${encodeURIComponent('re"port.pdf')}`,
    );
    assert.equal(response.headers.get('content-disposition'), 'attachment; filename="report.pdf"');
    assert.equal((await response.arrayBuffer()).byteLength, 3);
  });
});
