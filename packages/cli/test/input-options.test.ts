import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { drover, listFiles, tempDir, useServer } from './helpers.js';

interface Echo {
  readonly headers: Readonly<Record<string, string>>;
}

describe('drover get -i: aria2-style dir=, header=, user-agent= lines', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('dir= puts a file in a folder of -d, with out= or under its basename', async (t) => {
    const dir = await tempDir(t);
    const list = [
      `${kit.url}/files/a/one.bin?size=30`,
      '  dir=sub/deeper',
      `${kit.url}/files/two.bin?size=40`,
      '  dir=other',
      '  out=renamed.bin',
    ].join('\n');
    await writeFile(path.join(dir, 'urls.txt'), `${list}\n`);
    const result = await drover(['get', '-i', 'urls.txt', '-d', 'out'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await listFiles(path.join(dir, 'out')), ['other/renamed.bin', 'sub/deeper/one.bin']);
    assert.deepEqual(
      await readFile(path.join(dir, 'out/sub/deeper/one.bin')),
      fileContent('/files/a/one.bin', 30),
    );
    assert.deepEqual(
      await readFile(path.join(dir, 'out/other/renamed.bin')),
      fileContent('/files/two.bin', 40),
    );
  });

  it('header= (repeatable) and user-agent= apply to their URL only, over -H', async (t) => {
    const dir = await tempDir(t);
    const list = [
      `${kit.url}/echo?first`,
      '  out=first.json',
      '  header=X-Token: abc',
      '  header=X-Token: def',
      '  header=X-Run: entry',
      '  user-agent=aria2/1.37',
      `${kit.url}/echo?second`,
      '  out=second.json',
    ].join('\n');
    await writeFile(path.join(dir, 'urls.txt'), `${list}\n`);
    const result = await drover(['get', '-i', 'urls.txt', '-H', 'X-Run: flag'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    const first = JSON.parse(await readFile(path.join(dir, 'first.json'), 'utf8')) as Echo;
    const second = JSON.parse(await readFile(path.join(dir, 'second.json'), 'utf8')) as Echo;
    assert.equal(first.headers['x-token'], 'abc, def');
    assert.equal(first.headers['x-run'], 'entry');
    assert.equal(first.headers['user-agent'], 'aria2/1.37');
    assert.equal(second.headers['x-token'], undefined);
    assert.equal(second.headers['x-run'], 'flag');
    assert.match(second.headers['user-agent'] ?? '', /^drover\//);
  });

  it('a bad dir= or header= line fails its URL only, without a request', async (t) => {
    const dir = await tempDir(t);
    kit.server.reset();
    const list = [
      `${kit.url}/files/abs.bin?size=5`,
      '  dir=/etc',
      `${kit.url}/files/inject.bin?size=5`,
      '  header=Bad Name: 1',
      `${kit.url}/files/up.bin?size=5`,
      '  dir=../..',
      `${kit.url}/files/fine.bin?size=5`,
    ].join('\n');
    await writeFile(path.join(dir, 'urls.txt'), `${list}\n`);
    const result = await drover(['get', '-i', 'urls.txt', '-d', 'out'], { cwd: dir });
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stderr, /urls\.txt:1: dir=\/etc: give a folder inside the download folder/);
    assert.match(result.stderr, /urls\.txt:3: header=: expects "Name: value" with a valid header name/);
    assert.match(result.stderr, /urls\.txt:5: out=\.\.\/\.\.\/up\.bin would leave the download folder/);
    assert.equal(kit.server.requests('/files/fine.bin').length, 1);
    assert.equal(kit.server.log.length, 1);
    assert.equal((await listFiles(path.join(dir, 'out'))).length, 1);
  });
});
