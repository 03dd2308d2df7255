import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BASIC_AUTH_DEFAULT } from '@drover/testkit';
import { uniqueName } from '../src/unique-name.js';
import { drover, jsonLines, listFiles, mappedPath, SOURCE_ARGS, tempDir, useServer } from './helpers.js';

const { user, pass } = BASIC_AUTH_DEFAULT;
const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

describe('a password in a URL', { timeout: 60_000 }, () => {
  it('--name unique: the name does not depend on the credentials', () => {
    assert.equal(uniqueName(`http://${user}:${pass}@h/a.bin`), uniqueName('http://h/a.bin'));
  });

  const kit = useServer();
  const host = () => kit.url.slice('http://'.length);
  // One URL the server accepts, one it refuses (401), one nobody answers: all carry the password.
  const urlsWith = (right: string, wrong: string) => [
    `http://${user}:${right}@${host()}/auth/basic?n=1`,
    `http://${user}:${wrong}@${host()}/auth/basic?n=2`,
    `http://${user}:${right}@127.0.0.1:1/refused`,
  ];
  const urls = () => urlsWith(pass, `${pass}-wrong`);

  it('get: sent as Basic auth, and found nowhere in stdout, stderr, --json or the manifest', async (t) => {
    const dir = await tempDir(t);
    const manifest = path.join(dir, 'run.jsonl');
    const args = ['get', ...urls(), '-d', dir, '--attempts', '2', '--manifest', manifest, '--skip-cached'];
    const plain = await drover(args);
    assert.equal(plain.code, 4, plain.stderr);
    assert.match(plain.stdout, /drover: 1 written, 0 cached, 2 failed/);
    assert.match(
      plain.stderr,
      /drover: failed: GET http:\/\/(drover:\*\*\*@)?127\.0\.0\.1:\d+\/auth\/basic\?n=2: server answered 401/,
    );
    assert.match(plain.stderr, new RegExp(`GET http://${user}:\\*\\*\\*@127\\.0\\.0\\.1:1/refused`));
    // A refused connection is retried once: the retry line names the file and the masked URL.
    assert.match(
      plain.stdout + plain.stderr,
      /drover: retry 2\/2 in .* refused: GET http:\/\/drover:\*\*\*@/,
    );
    const file = mappedPath(dir, urls()[0] as string);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { user });

    const json = await drover(['get', ...urls(), '-d', path.join(dir, 'json'), '--attempts', '1', '--json']);
    const records = jsonLines(json.stdout) as Array<{ url: string; status: string }>;
    assert.deepEqual(records.map((record) => record.url).sort(), urlsWith('***', '***').sort());

    const written = await readFile(manifest, 'utf8');
    assert.equal(jsonLines(written).length, 3);
    assert.match(written, new RegExp(`"url":"http://${user}:\\*\\*\\*@`));
    const onDisk = await Promise.all(
      (await listFiles(dir)).map(async (name) => `${name}\n${await readFile(path.join(dir, name), 'utf8')}`),
    );
    for (const [name, text] of Object.entries({
      disk: onDisk.join('\n'),
      stdout: plain.stdout + json.stdout,
      stderr: plain.stderr + json.stderr,
      manifest: written,
    })) {
      assert.ok(!text.includes(pass), `the password is in ${name}:\n${text}`);
    }
  });

  it('get --manifest skips a URL with a password that the manifest says is done', async (t) => {
    const dir = await tempDir(t);
    const manifest = path.join(dir, 'run.jsonl');
    const url = urls()[0] as string;
    // A manifest line from before masking (the raw URL) counts as well.
    await writeFile(manifest, `${JSON.stringify({ url, status: 'written', path: mappedPath(dir, url) })}\n`);
    const before = kit.server.requests('/auth/basic?n=1').length;
    const first = await drover(['get', url, '-d', dir, '--manifest', manifest]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(kit.server.requests('/auth/basic?n=1').length, before + 1, 'the file was missing');
    const again = await drover(['get', url, '-d', dir, '--manifest', manifest]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 written, 0 cached, 0 failed, 1 skipped/);
    assert.equal(kit.server.requests('/auth/basic?n=1').length, before + 1);
  });

  it('check --json and fetch mask it too', async (t) => {
    const dir = await tempDir(t);
    const check = await drover(['check', ...urls(), '-d', dir, '--attempts', '1', '--json']);
    const fetched = await drover(['fetch', ...urls(), '--attempts', '1', '--as', 'json']);
    assert.equal(fetched.code, 4);
    const lines = jsonLines(fetched.stdout) as Array<{ url: string; body: unknown }>;
    assert.deepEqual(lines[0]?.body, { user });
    const checked = jsonLines(check.stdout) as Array<{ url: string }>;
    assert.equal(checked.length, 3);
    for (const line of [...checked, ...lines]) assert.match(line.url, /:\*\*\*@/);
    const all = check.stdout + check.stderr + fetched.stdout + fetched.stderr;
    assert.ok(!all.includes(pass), all);
  });

  it('the terminal display shows no password (util-linux script)', {
    skip: !hasScript && 'script(1) not installed',
  }, async (t) => {
    const dir = await tempDir(t);
    const command = [process.execPath, ...SOURCE_ARGS, 'get', ...urls(), '-d', dir, '--attempts', '1']
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
    assert.equal(code, 4, output);
    assert.match(output, /drover: 1 written, 0 cached, 2 failed/);
    // The command line itself is echoed by nobody; the bars, failure lines and summary are drover's.
    assert.ok(!output.includes(pass), output);
  });
});
