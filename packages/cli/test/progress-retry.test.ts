import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { Bundle, HttpError } from '@drover/core';
import { retryLine, retryReason, retryWhen } from '../src/progress/retry-line.js';
import { drover, SOURCE_ARGS, tempDir, useServer } from './helpers.js';

const hasScript = spawnSync('script', ['--version']).status === 0;
const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
const reEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Issue #10: a file that is retrying showed only "retrying in N ms" on a terminal and nothing in
// plain output, so a run against a failing host never said why it was slow.
describe('progress says why a file is retrying', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('plain output: one line per retry, with the attempt to come, the wait and the last error', async (t) => {
    const dir = await tempDir(t);
    const flaky = `${kit.url}/flaky/retry-line-${process.pid}?fail=2&status=503`;
    const reset = `${kit.url}/reset?size=100000&key=retry-reset-${process.pid}&fail=1`;
    const broken = `${kit.url}/status/500?retry-line`;
    const result = await drover(['get', flaky, reset, broken, '-d', dir, '--attempts', '3']);
    assert.equal(result.code, 8, result.stderr);
    const lines = result.stderr.split('\n').filter((line) => line.startsWith('drover: retry '));
    const of = (url: string) => lines.filter((line) => line.includes(`: GET ${url}: `));
    // BackOff waits 0.25 s, then 0.5 s.
    assert.deepEqual(of(flaky), [
      `drover: retry 2/3 in 0.3 s retry-line-${process.pid}?fail=2&status=503: GET ${flaky}: server answered 503`,
      `drover: retry 3/3 in 0.5 s retry-line-${process.pid}?fail=2&status=503: GET ${flaky}: server answered 503`,
    ]);
    assert.equal(of(reset).length, 1);
    assert.match(
      of(reset)[0] as string,
      new RegExp(`^drover: retry 2/3 in 0\\.3 s reset\\?\\S+: GET ${reEscape(reset)}: connection .+`),
    );
    assert.deepEqual(
      of(broken).map((line) => line.replace(/ in \S+ s /, ' ')),
      [2, 3].map((n) => `drover: retry ${n}/3 500?retry-line: GET ${broken}: server answered 500`),
    );
    assert.equal(lines.length, 5);
    assert.match(
      result.stderr,
      /drover: failed: GET \S+status\/500\?retry-line: server answered 500 \[ERR_DROVER_HTTP_STATUS, 3 attempts\]/,
    );
    assert.match(result.stdout, /2 written, 0 cached, 1 failed/);
  });

  it('--json and -q print no retry lines', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/flaky/retry-json-${process.pid}?fail=1&status=503`;
    const json = await drover(['get', url, '-d', dir, '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.doesNotMatch(json.stderr, /retry/);
    const quiet = await drover(['get', `${url}&q`, '-d', dir, '-q']);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stderr + quiet.stdout, '');
  });

  it('on a terminal: the retry line above the bars', {
    skip: !hasScript && 'script(1) not installed',
  }, async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/flaky/retry-tty-${process.pid}?fail=1&status=503`;
    const command = [process.execPath, ...SOURCE_ARGS, 'get', url, '-d', dir, '--attempts', '2']
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
    assert.match(
      output,
      new RegExp(`drover: retry 2/2 in 0\\.3 s \\S+: GET ${reEscape(url)}: server answered 503`),
    );
    assert.match(output, /drover: 1 written, 0 cached, 0 failed/);
  });
});

describe('retry lines', () => {
  it('name the attempt to come, the wait, the file and the error; the bar gets the reason alone', () => {
    const bundle = new Bundle('http://127.0.0.1:9/dir/a.bin', { filePath: '/tmp/out/a.bin' });
    const error = new HttpError(503, { url: bundle.url });
    const event = { bundle, attempt: 1, error, delay: 1000 };
    assert.equal(retryWhen(event, 5), 'retry 2/5 in 1.0 s');
    assert.equal(retryWhen(event, undefined), 'retry 2 in 1.0 s');
    assert.equal(retryWhen(event, Number.POSITIVE_INFINITY), 'retry 2 in 1.0 s');
    assert.equal(retryReason(event), 'server answered 503');
    assert.equal(
      retryLine(event, 5),
      'drover: retry 2/5 in 1.0 s a.bin: GET http://127.0.0.1:9/dir/a.bin: server answered 503',
    );
    const pathless = { ...event, bundle: new Bundle('http://127.0.0.1:9/x') };
    assert.match(retryLine(pathless, 5), /^drover: retry 2\/5 in 1\.0 s http:\/\/127\.0\.0\.1:9\/x: GET /);
  });
});
