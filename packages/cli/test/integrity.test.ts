import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { drover, listFiles, mappedPath, tempDir, useServer } from './helpers.js';

// Issue #10 through the CLI as a real process: duplicates, conflicts and a gzip bomb.
describe('drover get keeps files honest', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('the same URL listed twice, cut mid-body once: one complete file, exit 0', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/reset?size=150000&after=50000&key=cli-dup-${process.pid}&fail=1`;
    const result = await drover(['get', url, url], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await readFile(mappedPath(dir, url)), fileContent('/reset', 150000));
    assert.deepEqual(await listFiles(dir), [path.relative(dir, mappedPath(dir, url))]);
  });

  it('two out= lines naming one file: the first URL writes it, the second fails, exit 1', async (t) => {
    const dir = await tempDir(t);
    const list = [
      `${kit.url}/drip?size=4096&chunk=512&interval=40`,
      '  out=same.bin',
      `${kit.url}/files/other.bin?size=10`,
      '  out=same.bin',
    ].join('\n');
    await writeFile(path.join(dir, 'urls.txt'), list);
    const result = await drover(['get', '-i', 'urls.txt', '-d', 'out'], { cwd: dir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /same\.bin is already the target of/);
    assert.deepEqual(await listFiles(path.join(dir, 'out')), ['same.bin']);
    assert.deepEqual(await readFile(path.join(dir, 'out', 'same.bin')), fileContent('/drip', 4096));
  });

  it('a gzip bomb fails with a size error and leaves no file, exit 7 (a bad response)', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/gzip-bomb?size=${256 * 1024 * 1024}`;
    const result = await drover(['get', url], { cwd: dir });
    assert.equal(result.code, 7);
    assert.match(result.stderr, /expanded to \d+ bytes/);
    assert.deepEqual(await listFiles(dir), []);
  });
});
