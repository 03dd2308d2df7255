import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fileContent } from '@drover/testkit';
import { run } from '../src/cli.js';
import { drover, LAUNCHER, mappedPath, memoryIo, tempDir, useServer } from './helpers.js';

/** Command lines that must fail with exit 2 and a message matching the pattern (run in-process). */
const BAD: ReadonlyArray<readonly [args: string[], message: RegExp]> = [
  [
    ['get', 'http://x/', '--concurrency', 'abc'],
    /^drover: --concurrency expects an integer >= 1, got "abc"$/m,
  ],
  [['get', 'http://x/', '-j', '0'], /--concurrency expects an integer >= 1, got "0"/],
  [['get', 'http://x/', '--per-host', '1.5'], /--per-host expects an integer >= 1, got "1.5"/],
  [['get', 'http://x/', '--attempts', '-3'], /--attempts expects an integer >= 1, got "-3"/],
  [['get', 'http://x/', '--timeout', '10 s'], /--timeout expects a duration such as 30s, .*, got "10 s"/],
  [['get', 'http://x/', '--idle-timeout', ''], /--idle-timeout expects a duration such as 30s, .*, got ""/],
  [['check', 'http://x/', '--headers-timeout', 'x'], /--headers-timeout expects a duration .*, got "x"/],
  [
    ['get', 'http://x/', '--strategy', 'eager'],
    /--strategy expects one of lenient, backoff, jitter, got "eager"/,
  ],
  [['get', 'http://x/', '--name', 'short'], /--name expects one of url, unique, got "short"/],
  [
    ['get', 'http://x/', '-H', 'Bad Name: x'],
    /--header expects "Name: value" with a valid header name, got "Bad Name: x"/,
  ],
  [['get', 'http://x/', '-H', 'NoColon'], /--header expects "Name: value"/],
  [
    ['get', 'http://x/', '-H', 'X-A: 1\r\nX-Injected: 2'],
    /--header value must not contain CR, LF or control characters/,
  ],
  [['fetch', 'http://x/', '-H', 'X-A: 1\nb'], /--header value must not contain CR, LF/],
  [['fetch', 'http://x/', '--as', 'xml'], /--as expects one of json, text, got "xml"/],
  [['fetch', 'http://x/', '--max-size', '0'], /--max-size expects an integer >= 1, got "0"/],
  [['get', 'http://x/', '--bogus'], /^drover: unknown option '--bogus'/m],
  [['get', 'http://x/', '-j'], /option '-j, --concurrency <n>' argument missing/],
  [['get'], /^drover: get expects a URL or --input FILE$/m],
  [['check', '-d', '.'], /check expects a URL or --input FILE/],
  [['get', '-i', '/nonexistent/urls.txt'], /--input cannot read "\/nonexistent\/urls.txt": ENOENT/],
  [['get', '-i', '/'], /--input expects a file, got the folder "\/"/],
  [
    ['get', 'http://x/', '--manifest', '/dev/null/run.jsonl'],
    /--manifest cannot read "\/dev\/null\/run.jsonl": ENOTDIR/,
  ],
  [['download', 'http://x/'], /unknown command 'download'/],
  [[], /Usage: drover/],
];

const built = existsSync(fileURLToPath(new URL('../dist/bin.js', import.meta.url)));

describe('usage', { timeout: 60_000 }, () => {
  for (const [args, message] of BAD) {
    it(`exits 2 for: drover ${JSON.stringify(args)}`, async () => {
      const io = memoryIo();
      const code = await run(args, io);
      assert.equal(code, 2, io.err());
      assert.match(io.err(), message);
      assert.equal(io.out(), '');
    });
  }

  it('prints help with examples for every command, and the version', async () => {
    for (const command of ['get', 'fetch', 'check']) {
      const io = memoryIo();
      assert.equal(await run([command, '--help'], io), 0);
      assert.match(io.out(), new RegExp(`Usage: drover ${command} \\[options\\] \\[url\\.\\.\\.\\]`));
      assert.match(io.out(), /Examples:\n {2}\$ drover /);
      assert.match(io.out(), /Exit codes[^:]*: 0 /);
    }
    const help = memoryIo();
    assert.equal(await run(['--help'], help), 0);
    assert.match(help.out(), /get \[options\] \[url\.\.\.\]\s+download URLs into files/);
    const version = memoryIo();
    assert.equal(await run(['--version'], version), 0);
    const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    assert.equal(version.out(), `${manifest.version}\n`);
  });

  it('the real binary exits 2 and names the flag', async () => {
    const result = await drover(['get', 'http://127.0.0.1:9/', '--concurrency', 'abc']);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'drover: --concurrency expects an integer >= 1, got "abc"\n');
    assert.equal(result.stdout, '');
  });
});

describe('the built launcher (bin/drover.js)', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('runs after pnpm build', { skip: !built && 'not built: run pnpm build first' }, async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/files/built.bin?size=1234`;
    const result = await drover(['get', url, '-d', dir], { entry: [LAUNCHER] });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(await readFile(mappedPath(dir, url)), fileContent('/files/built.bin', 1234));
    const version = await drover(['--version'], { entry: [LAUNCHER], cwd: path.dirname(LAUNCHER) });
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
