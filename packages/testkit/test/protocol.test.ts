import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { createTestServer, fileContent, type TestServer } from '../src/index.js';
import { rawRequest } from './helpers.js';

/** Everything the server writes for one request, read off a plain socket. */
function rawBytes(port: number, target: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

let server: TestServer;
before(async () => {
  server = await createTestServer();
});
after(() => server.close());

test('/header-overflow sends a header larger than a client accepts', async () => {
  const res = await rawRequest(`${server.url}/header-overflow`);
  assert.equal(res.status, undefined);
  assert.equal((res.error as NodeJS.ErrnoException | undefined)?.code, 'HPE_HEADER_OVERFLOW');
  const small = await rawRequest(`${server.url}/header-overflow?size=100`);
  assert.equal(small.status, 200);
  assert.equal(small.headers['x-overflow'], 'a'.repeat(100));
  assert.equal(small.body.toString(), 'ok');
});

test('/bad-chunked sends one valid chunk, then a chunk size that is not hexadecimal', async () => {
  const res = await rawRequest(`${server.url}/bad-chunked?size=300`);
  assert.equal(res.status, 200);
  assert.equal(res.headers['transfer-encoding'], 'chunked');
  assert.equal((res.error as NodeJS.ErrnoException | undefined)?.code, 'HPE_INVALID_CHUNK_SIZE');
  const wire = await rawBytes(server.port, '/bad-chunked?size=300');
  const body = wire.subarray(wire.indexOf('\r\n\r\n') + 4);
  const chunk = Buffer.concat([
    Buffer.from('12c\r\n'),
    fileContent('/bad-chunked', 300),
    Buffer.from('\r\nzz\r\n'),
  ]);
  assert.deepEqual(body.subarray(0, chunk.length), chunk);
});

test('/bad-encoding claims a Content-Encoding its whole body does not have', async () => {
  const decoders = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync };
  for (const [encoding, decode] of Object.entries(decoders)) {
    const res = await rawRequest(`${server.url}/bad-encoding?encoding=${encoding}&size=500`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], encoding);
    assert.equal(res.headers['content-length'], '500');
    assert.equal(res.error, undefined, 'every byte arrives');
    assert.deepEqual(res.body, fileContent('/bad-encoding', 500));
    assert.throws(() => decode(res.body), `${encoding} does not decode`);
  }
  assert.equal((await rawRequest(`${server.url}/bad-encoding?encoding=zstd`)).status, 400);
});
