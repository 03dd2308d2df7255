// Throughput of the distributed swarm on this machine: N small files from the testkit server through
// 1, 2 and 3 `drover worker` processes sharing one local redis-server.
//   pnpm bench:redis [--count 5000] [--size 1024] [--concurrency 32] [--workers 1,2,3]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createTestServer, startRedisServer } from '@drover/testkit';
import { DroverQueue } from '../src/index.js';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    size: { type: 'string', default: '1024' },
    concurrency: { type: 'string', default: '32' },
    workers: { type: 'string', default: '1,2,3' },
  },
});
const count = Number(values.count);
const size = Number(values.size);
const BIN = fileURLToPath(new URL('../../cli/src/bin.ts', import.meta.url));

function startWorker(redis: string, queue: string, dir: string): Promise<ChildProcess> {
  const args = ['--import', 'tsx', '--conditions=source', BIN, 'worker', '--redis', redis, '--queue', queue];
  const child = spawn(process.execPath, [...args, '-d', dir, '-j', values.concurrency, '--json'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('taking jobs')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${stderr}`)));
  });
}

async function measure(workers: number, redis: string, base: string): Promise<number> {
  const queueName = `bench-${workers}-${Date.now()}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'drover-bench-redis-'));
  const children = await Promise.all(
    Array.from({ length: workers }, () => startWorker(redis, queueName, dir)),
  );
  const queue = new DroverQueue({ redis, queue: queueName });
  try {
    const started = performance.now();
    const urls = Array.from(
      { length: count },
      (_, i) => `${base}/files/bench/${workers}/${i}.bin?size=${size}`,
    );
    await queue.enqueue(urls);
    while ((await queue.counts()).completed < count) await new Promise((resolve) => setTimeout(resolve, 100));
    return count / ((performance.now() - started) / 1000);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
    await queue.clear();
    await queue.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const [redis, http] = await Promise.all([startRedisServer(), createTestServer()]);
try {
  console.log(
    `${count} files of ${size} B, -j ${values.concurrency} per worker, ${cpus().length} CPUs, Node ${process.version}`,
  );
  for (const workers of values.workers.split(',').map(Number)) {
    const rate = await measure(workers, redis.url, http.url);
    console.log(`${workers} worker${workers === 1 ? ' ' : 's'}: ${rate.toFixed(0)} files/s`);
  }
} finally {
  await Promise.all([http.close(), redis.stop()]);
}
