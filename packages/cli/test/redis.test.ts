import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileContent, type RedisServerHandle, startRedisServer } from '@drover/testkit';
import { run } from '../src/cli.js';
import { drover, jsonLines, mappedPath, memoryIo, startCli, tempDir, useServer } from './helpers.js';

describe('drover worker, get --redis and status', { timeout: 90_000 }, () => {
  const kit = useServer();
  let redis: RedisServerHandle | undefined;
  before(async () => {
    redis = await startRedisServer();
  });
  after(() => redis?.stop());
  const url = () => redis?.url as string;

  it('runs a queue end to end with real processes', async (t) => {
    const dir = await tempDir(t);
    const out = path.join(dir, 'out');
    const queue = ['--redis', url(), '--queue', 'cli'];
    const worker = startCli(['worker', ...queue, '-d', out, '-j', '4', '--per-host', '2'], {
      timeoutMs: 80_000,
    });
    t.after(() => {
      worker.child.kill('SIGKILL');
    });
    const urls = [1, 2, 3].map((i) => `${kit.url}/files/cli/${i}.bin?size=${i * 1000}`);
    const list = path.join(dir, 'urls.txt');
    await writeFile(list, `${urls.join('\n')}\n${urls[0]}\n${kit.url}/status/404\n  out=../escape\n`);

    const first = await drover(['get', ...queue, '-i', list], { timeoutMs: 60_000 });
    assert.equal(first.code, 1, first.stderr);
    assert.match(
      first.stdout,
      /drover: 3 written, 0 cached, 1 failed, 0 skipped, .*, 1 repeated URLs queued once/,
    );
    assert.match(
      first.stderr,
      /failed: \.\.\/escape resolves outside .* \[ERR_DROVER_INVALID_REQUEST, 0 attempts\]/,
    );
    for (const [i, u] of urls.entries()) {
      assert.deepEqual(
        await readFile(mappedPath(out, u)),
        fileContent(`/files/cli/${i + 1}.bin`, (i + 1) * 1000),
      );
    }

    const again = await drover(['get', ...queue, '--json', urls[1] as string], { timeoutMs: 30_000 });
    assert.equal(again.code, 0, again.stderr);
    const [record] = jsonLines(again.stdout) as Array<{ url: string; status: string; size: number }>;
    assert.equal(record?.url, urls[1]);
    assert.equal(record?.status, 'written', 'the stored result of the first run: queued once');
    assert.equal(record?.size, 2000);
    assert.equal(kit.server.requests('/files/cli/2.bin').length, 1);

    const status = await drover(['status', ...queue, '--json']);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout), {
      queue: 'cli',
      waiting: 0,
      active: 0,
      delayed: 0,
      completed: 4,
      workerFailed: 0,
      written: 3,
      cached: 0,
      failed: 1,
    });
    const line = await drover(['status', ...queue]);
    assert.match(
      line.stdout,
      /^cli: 0 waiting, 0 active, 0 delayed, 4 done \(3 written, 0 cached, 1 failed\)/,
    );

    worker.child.kill('SIGTERM');
    const stopped = await worker.done;
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stdout, /drover: 3 written, 0 cached, 1 failed/);
  });

  it('refuses worker flags on get --redis, and a missing or bad --redis', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['get', '--redis', url(), '-d', 'x', 'http://x/'],
        /^drover: -d: with --redis, give these to "drover worker"$/m,
      ],
      [
        ['get', '--redis', url(), '-k', '--retry-wait', '1s', 'http://x/'],
        /^drover: --retry-wait, --insecure: with --redis, give these to "drover worker"$/m,
      ],
      [
        ['get', '--redis', url(), '-o', 'f', '--no-clobber', 'http://x/'],
        /^drover: -o, --no-clobber: not supported with --redis$/m,
      ],
      [['worker'], /^drover: worker expects --redis URL$/m],
      [
        ['status', '--redis', 'http://x'],
        /--redis expects a redis:\/\/ or rediss:\/\/ URL, got "http:\/\/x"/,
      ],
      [['worker', '--redis', url(), '--queue', 'a b'], /--queue expects a name without spaces, got "a b"/],
    ];
    for (const [args, message] of cases) {
      const io = memoryIo();
      assert.equal(await run(args, io), 2, args.join(' '));
      assert.match(io.err(), message);
    }
  });
});
