import assert from 'node:assert/strict';
import { mkdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  AioDownload,
  Bundle,
  DownloadStrategy,
  one,
  PathConflictError,
  RequestStrategy,
  swarm,
} from '@drover/core';
import { fileContent } from '@drover/testkit';
import { coordinator, listFiles, tempHome, useServer } from './helpers.js';

describe('DownloadStrategy', () => {
  const kit = useServer();

  it('writes bytes identical to the server, in folders named after host and port', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(
      `${kit.url}/files/deep/a/b.bin?size=200000`,
      coordinator(t, home, new RequestStrategy()),
    );
    const expected = path.join(
      home,
      `127.0.0.1+${kit.server.port}`,
      'files',
      'deep',
      'a',
      'b.bin?size=200000',
    );
    assert.equal(bundle.filePath, expected);
    assert.deepEqual(await readFile(expected), fileContent('/files/deep/a/b.bin', 200000));
  });

  it('skipCached: an existing file is `cached` and no request is made', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new RequestStrategy(),
      downloadStrategy: new DownloadStrategy({ home, skipCached: true }),
    });
    t.after(() => download.close());
    const url = `${kit.url}/files/cached-${Date.now()}.bin?size=10`;
    const first = await one(url, download);
    assert.equal(first.status, 'written');
    const before = kit.server.requests('/files/cached-').length;
    const second = await one(url, download);
    assert.equal(second.status, 'cached');
    assert.equal(second.attempts, 0);
    assert.equal(kit.server.requests('/files/cached-').length, before);
  });

  it('two URLs that map to one path: the first writes, the second fails with PathConflictError', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 2 }));
    const [a, b] = await swarm(
      [
        new Bundle(`${kit.url}/files/clash/a?size=5`, { filePath: 'one-name' }),
        new Bundle(`${kit.url}/files/clash/b?size=7`, { filePath: 'one-name' }),
      ],
      download,
    );
    assert.equal(a?.status, 'written');
    assert.equal(b?.status, 'failed');
    assert.ok(b?.error instanceof PathConflictError);
    assert.equal(b.error.claimedBy, a?.url);
    assert.deepEqual(await readFile(path.join(home, 'one-name')), fileContent('/files/clash/a', 5));
  });

  it('a trailing slash and an explicit index name are two files (docs/url-paths.md)', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 2 }));
    const [slash, index] = await swarm(
      [`${kit.url}/files/dir/?size=5`, `${kit.url}/files/dir/index?size=7`],
      download,
    );
    assert.equal(slash?.status, 'written');
    assert.equal(index?.status, 'written');
    const folder = path.join(home, `127.0.0.1+${kit.server.port}`, 'files', 'dir');
    assert.deepEqual(await readFile(path.join(folder, 'index?size=5')), fileContent('/files/dir/', 5));
    assert.deepEqual(await readFile(path.join(folder, '%69ndex?size=7')), fileContent('/files/dir/index', 7));
  });

  it('the same URL twice at once is one download, one file', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 2 }));
    const url = `${kit.url}/files/twice.bin?size=50000`;
    const bundles = await swarm([url, url], download);
    assert.deepEqual(
      bundles.map((bundle) => bundle.status),
      ['written', 'written'],
    );
    assert.deepEqual(await listFiles(home), [path.relative(home, bundles[0]?.filePath as string)]);
  });

  it('gzip bodies are stored decoded, the resource’s own bytes', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(`${kit.url}/gzip?size=100000`, coordinator(t, home, new RequestStrategy()));
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.bytes, 100000);
    assert.deepEqual(await readFile(bundle.filePath as string), fileContent('/gzip', 100000));
  });

  it('redirects are followed to the final resource', async (t) => {
    const home = await tempHome(t);
    const bundle = await one(
      `${kit.url}/redirect/3?to=/files/target.bin?size=10`,
      coordinator(t, home, new RequestStrategy()),
    );
    assert.equal(bundle.status, 'written');
    assert.equal(bundle.bytes, 10);
  });

  it('hostile URLs write only under home', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 4 }));
    const urls = [
      `${kit.url}/files/%2e%2e/%2e%2e/escape1?size=3`,
      `${kit.url}/files/..%2f..%2fescape2?size=3`,
      `${kit.url}/files/a%5C..%5C..%5Cescape3?size=3`,
    ];
    const bundles = await swarm(urls, download);
    for (const bundle of bundles) {
      assert.ok(bundle.filePath?.startsWith(home + path.sep), bundle.statusMsg);
    }
    const files = await listFiles(home);
    assert.ok(files.length >= 1);
    for (const file of files) assert.ok(!file.startsWith('..'), file);
  });

  it('a home that is a file fails every bundle with a FileSystemError and loses nothing', async (t) => {
    const dir = await tempHome(t);
    const home = path.join(dir, 'not-a-folder');
    await writeFile(home, 'keep me');
    const download = coordinator(t, home, new RequestStrategy());
    const bundle = await one(`${kit.url}/files/x?size=5`, download);
    assert.equal(bundle.status, 'failed');
    assert.equal(bundle.error?.code, 'ERR_DROVER_FILE_SYSTEM');
    assert.equal(await readFile(home, 'utf8'), 'keep me');
    assert.ok((await stat(home)).isFile());
  });

  it('a subclass names files its own way and skips what it already has', async (t) => {
    class ById extends DownloadStrategy {
      override getFilePath(bundle: Bundle): string {
        return path.join(this.home, `${(bundle.info as { id: number }).id}.dat`);
      }
    }
    const home = await tempHome(t);
    await writeFile(path.join(home, '2.dat'), 'already here');
    const download = new AioDownload({
      requestStrategy: new RequestStrategy({ concurrent: 2 }),
      downloadStrategy: new ById({ home, skipCached: true }),
    });
    t.after(() => download.close());
    const bundles = await swarm(
      [1, 2, 3].map((id) => new Bundle(`${kit.url}/files/by-id/${id}?size=4`, { info: { id } })),
      download,
    );
    // 2.dat was not written by drover (no record): it is downloaded, and the second run skips all.
    assert.deepEqual(
      bundles.map((bundle) => bundle.status),
      ['written', 'written', 'written'],
    );
    const again = await swarm(
      [1, 2, 3].map((id) => new Bundle(`${kit.url}/files/by-id/${id}?size=4`, { info: { id } })),
      download,
    );
    assert.deepEqual(
      again.map((bundle) => bundle.status),
      ['cached', 'cached', 'cached'],
    );
    assert.deepEqual(await listFiles(home), [
      '.drover/1.dat.json',
      '.drover/2.dat.json',
      '.drover/3.dat.json',
      '1.dat',
      '2.dat',
      '3.dat',
    ]);
  });
});

describe('DownloadStrategy used directly', () => {
  it('getFilePath and isCached work on a bundle the coordinator has not seen', async (t) => {
    const home = await tempHome(t);
    const strategy = new DownloadStrategy({ home, skipCached: true });
    const bundle = new Bundle('http://example.test:8080/a/b.txt');
    const target = strategy.getFilePath(bundle) as string;
    assert.equal(target, path.join(home, 'example.test+8080', 'a', 'b.txt'));
    assert.equal(await strategy.isCached(bundle), false);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, 'here');
    assert.equal(await strategy.isCached(bundle), false, 'a file without a record is not trusted');
    assert.equal(await new DownloadStrategy({ home }).isCached(bundle), false);
  });
});

// Issue #10, case 14: skipCached verifies what was recorded at write time.
describe('skipCached verifies', () => {
  const kit = useServer();

  it('a file truncated (or changed) since it was written is downloaded again', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy(), { skipCached: true });
    const url = `${kit.url}/files/verified.bin?size=5000`;
    const first = await one(url, download);
    assert.equal(first.status, 'written');
    assert.equal((await one(url, download)).status, 'cached');
    await truncate(first.filePath as string, 2500);
    const third = await one(url, download);
    assert.equal(third.status, 'written');
    assert.deepEqual(await readFile(first.filePath as string), fileContent('/files/verified.bin', 5000));
    assert.equal((await one(url, download)).status, 'cached');
  });

  it('a record for another URL does not make a file cached', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy(), { skipCached: true });
    const a = await one(new Bundle(`${kit.url}/files/a.bin?size=10`, { filePath: 'x.bin' }), download);
    assert.equal(a.status, 'written');
    const other = coordinator(t, home, new RequestStrategy(), { skipCached: true });
    const b = await one(new Bundle(`${kit.url}/files/b.bin?size=20`, { filePath: 'x.bin' }), other);
    assert.equal(b.status, 'written');
    assert.deepEqual(await readFile(path.join(home, 'x.bin')), fileContent('/files/b.bin', 20));
  });
});

describe('path claims over a long run', () => {
  const kit = useServer();

  it('a path written earlier in the run still refuses another URL, long after it was released', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new RequestStrategy({ concurrent: 16 }));
    const first = await one(new Bundle(`${kit.url}/files/early?size=5`, { filePath: 'kept' }), download);
    assert.equal(first.status, 'written');
    const again = await one(new Bundle(`${kit.url}/files/late?size=5`, { filePath: 'kept' }), download);
    assert.ok(again.error instanceof PathConflictError);
    assert.equal(again.error.claimedBy, first.url);
    // 4 200 other paths push `kept` out of the exact recent list; its hash still guards it.
    const others = Array.from(
      { length: 4200 },
      (_, i) => new Bundle(`${kit.url}/files/n?size=1&i=${i}`, { filePath: `n/${i}` }),
    );
    const done = await swarm(others, download);
    assert.ok(done.every((bundle) => bundle.status === 'written'));
    const later = await one(new Bundle(`${kit.url}/files/later?size=5`, { filePath: 'kept' }), download);
    assert.ok(later.error instanceof PathConflictError);
    assert.match(later.error.message, /another URL earlier in this run/);
    const same = await one(new Bundle(`${kit.url}/files/early?size=5`, { filePath: 'kept' }), download);
    assert.equal(same.status, 'written');
    assert.deepEqual(await readFile(path.join(home, 'kept')), fileContent('/files/early', 5));
  });
});
