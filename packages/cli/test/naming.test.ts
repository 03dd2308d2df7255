import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { drover, listFiles, mappedPath, tempDir, useServer } from './helpers.js';

describe('drover get: file names like wget2 and curl', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('one URL is saved as ./<basename>, the query left out of the name', async (t) => {
    const dir = await tempDir(t);
    const result = await drover(['get', `${kit.url}/files/deep/hello.bin?size=1000`], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await listFiles(dir), ['hello.bin']);
    assert.deepEqual(await readFile(path.join(dir, 'hello.bin')), fileContent('/files/deep/hello.bin', 1000));
  });

  it('one URL ending in a slash is saved as ./index', async (t) => {
    const dir = await tempDir(t);
    const result = await drover(['get', `${kit.url}/files/folder/?size=10`], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await listFiles(dir), ['index']);
    assert.deepEqual(await readFile(path.join(dir, 'index')), fileContent('/files/folder/', 10));
  });

  it('reruns keep the existing file and number the new one (f0.bin.1, f0.bin.2), as wget2', async (t) => {
    const dir = await tempDir(t);
    await writeFile(path.join(dir, 'f0.bin'), 'mine');
    const url = `${kit.url}/files/f0.bin?size=50`;
    for (let run = 0; run < 2; run++) {
      const result = await drover(['get', url], { cwd: dir });
      assert.equal(result.code, 0, result.stderr);
    }
    assert.deepEqual(await listFiles(dir), ['f0.bin', 'f0.bin.1', 'f0.bin.2']);
    assert.equal(await readFile(path.join(dir, 'f0.bin'), 'utf8'), 'mine');
    assert.deepEqual(await readFile(path.join(dir, 'f0.bin.2')), fileContent('/files/f0.bin', 50));
  });

  it('--no-clobber skips an existing file without a request (counted as skipped, exit 0)', async (t) => {
    const dir = await tempDir(t);
    await writeFile(path.join(dir, 'nc.bin'), 'mine');
    kit.server.reset();
    const result = await drover(['get', '--no-clobber', `${kit.url}/files/nc.bin?size=50`], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /0 written, 0 cached, 0 failed, 1 skipped/);
    assert.equal(kit.server.requests('/files/nc.bin').length, 0);
    assert.equal(await readFile(path.join(dir, 'nc.bin'), 'utf8'), 'mine');
  });

  it('--no-clobber also skips existing files of the host tree, and fetches the missing ones', async (t) => {
    const dir = await tempDir(t);
    const urls = [`${kit.url}/files/t1.bin?size=20`, `${kit.url}/files/t2.bin?size=20`];
    await mkdir(path.dirname(mappedPath(dir, urls[0] as string)), { recursive: true });
    await writeFile(mappedPath(dir, urls[0] as string), 'mine');
    const result = await drover(['get', '--no-clobber', ...urls], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /1 written, 0 cached, 0 failed, 1 skipped/);
    assert.equal(await readFile(mappedPath(dir, urls[0] as string), 'utf8'), 'mine');
    assert.deepEqual(await readFile(mappedPath(dir, urls[1] as string)), fileContent('/files/t2.bin', 20));
  });

  it('--overwrite replaces the existing file', async (t) => {
    const dir = await tempDir(t);
    await writeFile(path.join(dir, 'ow.bin'), 'mine');
    const result = await drover(['get', '--overwrite', `${kit.url}/files/ow.bin?size=30`], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await listFiles(dir), ['ow.bin']);
    assert.deepEqual(await readFile(path.join(dir, 'ow.bin')), fileContent('/files/ow.bin', 30));
  });

  it('-o FILE / --output FILE names the one file (relative to -d when given)', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/files/o.bin?size=40`;
    const short = await drover(['get', '-o', 'named.dat', url], { cwd: dir });
    assert.equal(short.code, 0, short.stderr);
    const long = await drover(['get', '--output', 'x/y.dat', '-d', 'out', url], { cwd: dir });
    assert.equal(long.code, 0, long.stderr);
    assert.deepEqual(await listFiles(dir), ['named.dat', 'out/x/y.dat']);
    assert.deepEqual(await readFile(path.join(dir, 'out/x/y.dat')), fileContent('/files/o.bin', 40));
  });

  it('-o with several URLs, and --no-clobber with --overwrite, are usage errors (exit 2, nothing fetched)', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/files/u.bin?size=10`;
    const several = await drover(['get', '-o', 'a', url, url], { cwd: dir });
    assert.equal(several.code, 2);
    assert.match(several.stderr, /-o\/--output takes exactly one URL/);
    const both = await drover(['get', '--no-clobber', '--overwrite', url], { cwd: dir });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--no-clobber and --overwrite exclude each other/);
    assert.deepEqual(await listFiles(dir), []);
  });

  it('check URL finds the ./<basename> that get URL wrote', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/files/checked.bin?size=64`;
    const got = await drover(['get', url], { cwd: dir });
    assert.equal(got.code, 0, got.stderr);
    const same = await drover(['check', url], { cwd: dir });
    assert.equal(same.code, 0, same.stdout + same.stderr);
    await writeFile(path.join(dir, 'checked.bin'), 'short');
    const differs = await drover(['check', url], { cwd: dir });
    assert.equal(differs.code, 1, differs.stdout + differs.stderr);
    assert.match(differs.stdout + differs.stderr, /checked\.bin/);
  });

  it('one URL with -d or --name url keeps the host tree', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/files/tree.bin?size=10`;
    const withDir = await drover(['get', '-d', 'out', url], { cwd: dir });
    assert.equal(withDir.code, 0, withDir.stderr);
    const withName = await drover(['get', '--name', 'url', url], { cwd: dir });
    assert.equal(withName.code, 0, withName.stderr);
    assert.deepEqual(
      await readFile(mappedPath(path.join(dir, 'out'), url)),
      fileContent('/files/tree.bin', 10),
    );
    assert.deepEqual(await readFile(mappedPath(dir, url)), fileContent('/files/tree.bin', 10));
  });
});
