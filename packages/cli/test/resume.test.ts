import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileContent } from '@drover/testkit';
import { readManifest } from '../src/manifest/read-manifest.js';
import {
  drover,
  jsonLines,
  listFiles,
  mappedPath,
  startCli,
  tempDir,
  useServer,
  waitFor,
} from './helpers.js';

const COUNT = 30;
const SIZE = 20_000;

async function manifestLines(file: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return jsonLines(text) as Array<Record<string, unknown>>;
}

describe('--manifest', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('resumes: a second run requests only what failed or vanished', async (t) => {
    const dir = await tempDir(t);
    const run = Date.now();
    const good = [1, 2, 3].map((i) => `${kit.url}/files/m/${run}-${i}.bin?size=${1000 * i}`);
    const flaky = [1, 2].map((i) => `${kit.url}/flaky/m-${run}-${i}?fail=1&size=64`);
    const list = path.join(dir, 'urls.txt');
    await writeFile(list, `${[good[0], flaky[0], good[1], flaky[1], good[2]].join('\n')}\n`);
    const manifest = path.join(dir, 'state', 'run.jsonl');
    const args = ['get', '-i', list, '-d', path.join(dir, 'out'), '--manifest', manifest, '--attempts', '1'];

    const first = await drover(args);
    assert.equal(first.code, 8, first.stderr);
    const lines = jsonLines(await readFile(manifest, 'utf8')) as Array<Record<string, unknown>>;
    assert.equal(lines.length, 5);
    const failed = lines.filter((line) => line.status === 'failed').map((line) => line.url);
    assert.deepEqual(failed.sort(), [...flaky].sort());
    const sample = lines.find((line) => line.url === good[1]);
    assert.deepEqual(Object.keys(sample ?? {}).sort(), [
      'attempts',
      'bytes',
      'durationMs',
      'error',
      'finishedAt',
      'httpStatus',
      'path',
      'status',
      'url',
    ]);
    assert.equal(sample?.bytes, 2000);
    assert.equal(lines.find((line) => line.url === flaky[0])?.error instanceof Object, true);

    await rm(mappedPath(path.join(dir, 'out'), good[2] as string));
    const before = kit.server.log.length;
    const second = await drover(args);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /3 written, 0 cached, 0 failed, 2 skipped/);
    const requested = kit.server.log.slice(before).map((entry) => `${kit.url}${entry.path}`);
    assert.deepEqual(requested.sort(), [...flaky, good[2]].sort());
    for (const [i, url] of good.entries()) {
      const { pathname } = new URL(url);
      assert.deepEqual(
        await readFile(mappedPath(path.join(dir, 'out'), url)),
        fileContent(pathname, 1000 * (i + 1)),
      );
    }
    const after = jsonLines(await readFile(manifest, 'utf8'));
    assert.equal(after.length, 8);
  });

  it('reads the last line per URL, streaming, and ignores broken lines', async (t) => {
    const dir = await tempDir(t);
    const file = path.join(dir, 'run.jsonl');
    assert.equal((await readManifest(file)).size, 0, 'a missing manifest is empty');
    const line = (url: string, status: string) => JSON.stringify({ url, status, path: `/x/${url}` });
    await writeFile(
      file,
      [
        line('a', 'written'),
        line('b', 'written'),
        line('b', 'failed'),
        'not json',
        line('c', 'failed'),
        line('c', 'cached'),
        '{"url":"d","sta',
      ].join('\n'),
    );
    assert.deepEqual(
      [...(await readManifest(file)).entries()],
      [
        ['a', '/x/a'],
        ['c', '/x/c'],
      ],
    );
  });
});

describe('Ctrl-C', { timeout: 60_000 }, () => {
  const kit = useServer();

  it('takes no new URLs, aborts those in flight, flushes the manifest, exits 130; a rerun completes', async (t) => {
    const dir = await tempDir(t);
    const urls = Array.from(
      { length: COUNT },
      (_, i) => `${kit.url}/files/int/${i}.bin?size=${SIZE}&delay=200`,
    );
    const list = path.join(dir, 'urls.txt');
    await writeFile(list, `${urls.join('\n')}\n`);
    const manifest = path.join(dir, 'run.jsonl');
    const out = path.join(dir, 'out');
    const args = ['get', '-i', list, '-d', out, '-j', '2', '--manifest', manifest];

    const cli = startCli(args);
    // Lines are written as bundles finish; once two are there, the signal handlers are installed.
    await waitFor(async () => (await manifestLines(manifest)).length >= 2, 15_000);
    cli.child.kill('SIGINT');
    const result = await cli.done;
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /stopping: no new downloads/);
    assert.match(result.stdout, /interrupted \(\d+ stopped in flight, \d+ not started\)/);

    const lines = await manifestLines(manifest);
    const written = lines.filter((line) => line.status === 'written');
    const stopped = lines.filter((line) => line.status !== 'written');
    assert.ok(written.length >= 2 && lines.length < COUNT, `${lines.length} lines`);
    // In-flight bundles were aborted and recorded as failed, so a rerun retries them.
    assert.ok(
      stopped.every((line) => (line.error as { code?: string } | null)?.code === 'ERR_DROVER_ABORTED'),
    );
    // Every request made is in the manifest: queued URLs never started.
    assert.equal(kit.server.requests('/files/int/').length, lines.length);
    const files = await listFiles(out);
    assert.equal(files.length, written.length, files.join(', '));
    assert.ok(
      files.every((file) => !file.includes('.part')),
      'no part file left',
    );
    for (const line of written) {
      const { pathname } = new URL(String(line.url));
      assert.deepEqual(await readFile(String(line.path)), fileContent(pathname, SIZE));
    }

    // 16 in flight: more abort listeners on the run's signal than Node's warning threshold of 10.
    const rerun = await drover([...args, '-j', '16']);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.equal(rerun.stderr, '', 'no warning');
    const skipped = written.length;
    assert.match(
      rerun.stdout,
      new RegExp(`${COUNT - skipped} written, 0 cached, 0 failed, ${skipped} skipped`),
    );
    assert.equal((await listFiles(out)).length, COUNT);
    assert.equal(kit.server.requests('/files/int/').length, lines.length + COUNT - skipped);
  });

  it('with --keep-partial a download stopped by Ctrl-C resumes with Range on the next run', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/drip?size=200000&chunk=20000&interval=100`;
    const out = path.join(dir, 'out');
    const args = ['get', url, '-d', out, '--keep-partial'];
    const cli = startCli(args);
    const part = `${mappedPath(out, url)}.part`;
    const { stat } = await import('node:fs/promises');
    await waitFor(async () => ((await stat(part).catch(() => undefined))?.size ?? 0) >= 40_000, 15_000);
    cli.child.kill('SIGINT');
    const result = await cli.done;
    assert.equal(result.code, 130, result.stderr);
    const kept = (await stat(part)).size;
    assert.ok(kept >= 40_000, `kept ${kept} bytes`);
    const rerun = await drover(args);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.equal(kit.server.requests('/drip').at(-1)?.headers.range, `bytes=${kept}-`);
    assert.deepEqual(await readFile(mappedPath(out, url)), fileContent('/drip', 200000));
    assert.deepEqual(await listFiles(out), [path.relative(out, mappedPath(out, url))]);
  });
});
