import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { uniqueName } from '../src/unique-name.js';
import { drover, jsonLines, listFiles, mappedPath, SOURCE_ARGS, tempDir, useServer } from './helpers.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

describe('drover get', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('downloads several URLs into the current folder, byte for byte, and exits 0', async (t) => {
    const dir = await tempDir(t);
    const urls = [
      `${kit.url}/files/a.bin?size=70000`,
      `${kit.url}/files/sub/b.txt?size=10`,
      `${kit.url}/gzip?size=5000`,
    ];
    const result = await drover(['get', ...urls, '-j', '2'], { cwd: dir });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await readFile(mappedPath(dir, urls[0] as string)), fileContent('/files/a.bin', 70_000));
    assert.deepEqual(await readFile(mappedPath(dir, urls[1] as string)), fileContent('/files/sub/b.txt', 10));
    assert.deepEqual(await readFile(mappedPath(dir, urls[2] as string)), fileContent('/gzip', 5000));
    assert.match(result.stdout, /drover: 3 written, 0 cached, 0 failed, 0 skipped, 73\.3 KiB in [\d.]+ s/);
    assert.equal(result.stderr, '');
  });

  it('reads -i files with comments, out= and checksum= lines; a wrong checksum fails with no file (exit 9)', async (t) => {
    const dir = await tempDir(t);
    const good = sha256(fileContent('/files/k.bin', 300));
    const list = [
      '# a comment, then a blank line',
      '',
      `${kit.url}/files/k.bin?size=300`,
      '  out=named/k.bin',
      `  checksum=sha-256=${good.toUpperCase()}`,
      `${kit.url}/files/k.bin?size=301`,
      `\tchecksum=sha-256=${good}`,
      '  out=wrong.bin',
      `${kit.url}/files/plain.bin?size=7`,
      `${kit.url}/files/x.bin?size=3`,
      '  out=../../outside.bin',
      `${kit.url}/files/y.bin?size=3`,
      '  color=blue',
    ].join('\n');
    await writeFile(path.join(dir, 'urls.txt'), list);
    const result = await drover(['get', '-i', path.join(dir, 'urls.txt'), '-d', path.join(dir, 'out')]);
    // The checksum mismatch (9) wins over the bad lines (1).
    assert.equal(result.code, 9);
    assert.deepEqual(await listFiles(path.join(dir, 'out')), [
      path.relative(
        path.join(dir, 'out'),
        mappedPath(path.join(dir, 'out'), `${kit.url}/files/plain.bin?size=7`),
      ),
      path.join('named', 'k.bin'),
    ]);
    assert.deepEqual(
      await readFile(path.join(dir, 'out', 'named', 'k.bin')),
      fileContent('/files/k.bin', 300),
    );
    assert.match(
      result.stderr,
      /sha-256 mismatch: expected [0-9a-f]{64}, got [0-9a-f]{64} \[ERR_DROVER_INTEGRITY/,
    );
    assert.match(result.stderr, /urls\.txt:10: out=\.\.\/\.\.\/outside\.bin would leave the download folder/);
    assert.match(result.stderr, /urls\.txt:12: unknown option "color"/);
    assert.match(result.stdout, /2 written, 0 cached, 3 failed/);
    assert.equal(kit.server.requests('/files/x.bin').length + kit.server.requests('/files/y.bin').length, 0);
  });

  it('reads URLs from standard input with -i - and names files --name unique', async (t) => {
    const dir = await tempDir(t);
    const urls = [`${kit.url}/files/u/photo.JPG?size=100`, `${kit.url}/files/u/noext?size=50`];
    const result = await drover(['get', '-i', '-', '--name', 'unique', '-d', dir, '-q'], {
      input: `${urls.join('\r\n')}\r\n`,
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '', '--quiet prints nothing on success');
    const names = urls.map(uniqueName);
    assert.match(names[0] as string, /^[0-9a-f]{16}\.JPG$/);
    assert.match(names[1] as string, /^[0-9a-f]{16}$/);
    assert.deepEqual(await listFiles(dir), [...names].sort());
    assert.deepEqual(
      await readFile(path.join(dir, names[0] as string)),
      fileContent('/files/u/photo.JPG', 100),
    );
  });

  it('exits 8 when one gets a 404, prints JSON lines with --json, sends -H headers', async (t) => {
    const dir = await tempDir(t);
    const ok = `${kit.url}/files/j.bin?size=20&tag=json`;
    const missing = `${kit.url}/status/404`;
    const result = await drover([
      'get',
      ok,
      missing,
      '-d',
      dir,
      '--json',
      '-H',
      'X-Drover-Test: yes',
      '-H',
      'X-Drover-Test: again',
    ]);
    assert.equal(result.code, 8);
    const lines = jsonLines(result.stdout) as Array<Record<string, unknown>>;
    assert.equal(lines.length, 2);
    const byUrl = new Map(lines.map((line) => [line.url, line]));
    assert.equal(byUrl.get(ok)?.status, 'written');
    assert.equal(byUrl.get(ok)?.bytes, 20);
    assert.equal(byUrl.get(ok)?.path, mappedPath(dir, ok));
    assert.deepEqual(byUrl.get(missing)?.error, {
      code: 'ERR_DROVER_HTTP_STATUS',
      message: `GET ${missing}: server answered 404`,
    });
    assert.equal(byUrl.get(missing)?.httpStatus, 404);
    assert.match(result.stderr, /drover: 1 written, 0 cached, 1 failed/);
    const [request] = kit.server.requests('/files/j.bin?size=20&tag=json');
    assert.equal(request?.headers['x-drover-test'], 'yes, again');
    assert.match(String(request?.headers['user-agent']), /^drover\/\d+\.\d+\.\d+$/);
  });

  it('--skip-cached makes no request for files an earlier --skip-cached run wrote, and refetches others', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/files/cached.bin?size=30&tag=skip`;
    const other = `${kit.url}/files/foreign.bin?size=30&tag=skip`;
    assert.equal((await drover(['get', url, '-d', dir, '-q', '--skip-cached'])).code, 0);
    // A file another tool left (no record) is not trusted, even with the right name.
    await mkdir(path.dirname(mappedPath(dir, other)), { recursive: true });
    await writeFile(mappedPath(dir, other), 'short');
    const again = await drover(['get', url, other, '-d', dir, '--skip-cached']);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /1 written, 1 cached, 0 failed/);
    assert.equal(kit.server.requests('/files/cached.bin').length, 1);
    assert.deepEqual(await readFile(mappedPath(dir, other)), fileContent('/files/foreign.bin', 30));
  });
});

describe('progress on a terminal', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('draws bars under a pseudo-terminal (util-linux script)', {
    skip: !hasScript && 'script(1) not installed',
  }, async (t) => {
    const dir = await tempDir(t);
    const urls = [1, 2, 3].map((i) => `${kit.url}/files/tty/${i}.bin?size=${50_000 * i}&delay=300`);
    const command = [process.execPath, ...SOURCE_ARGS, 'get', ...urls, '-d', dir, '-j', '2']
      .map(quote)
      .join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    assert.equal(code, 0, output);
    assert.match(output, /[█░]{10,}/, 'progress bar characters');
    assert.match(output, /\/3 files \| 0 failed/);
    assert.match(output, /drover: 3 written, 0 cached, 0 failed, 0 skipped/);
  });
});
