import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createTestServer, type RedisServerHandle, startRedisServer, type TestServer } from '@drover/testkit';

/** A real redis-server and a testkit server for the enclosing `describe`. */
export function useServers(options: { appendOnly?: boolean } = {}): {
  readonly redis: RedisServerHandle;
  readonly http: TestServer;
} {
  let redis: RedisServerHandle | undefined;
  let http: TestServer | undefined;
  before(async () => {
    [redis, http] = await Promise.all([startRedisServer(options), createTestServer()]);
  });
  after(async () => {
    await Promise.all([redis?.stop(), http?.close()]);
  });
  return {
    get redis() {
      if (redis === undefined) throw new Error('redis-server not started');
      return redis;
    },
    get http() {
      if (http === undefined) throw new Error('test server not started');
      return http;
    },
  };
}

/** A fresh temporary folder, removed when the test ends. */
export async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'drover-redis-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A queue name of its own for each test. */
let queues = 0;
export function queueName(): string {
  queues++;
  return `q${process.pid}-${queues}`;
}

/** Poll `condition` every 20 ms until it holds, or fail after `timeoutMs` (from the testkit). */
export { waitFor } from '@drover/testkit';

/** A running worker process (test/fixtures/worker-process.ts). */
export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal) once it is gone. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** Everything it wrote to stderr. */
  stderr(): string;
}

const FIXTURE = fileURLToPath(new URL('./fixtures/worker-process.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** Start a worker process with `config` and wait until it takes jobs; it is killed when the test ends. */
export async function spawnWorker(
  t: { after(fn: () => Promise<void>): void },
  config: Record<string, unknown>,
): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    ['--import', TSX, '--conditions=source', FIXTURE, JSON.stringify(config)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  await new Promise<void>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready\n')) resolve();
    });
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready:\n${stderr}`)));
  });
  return { child, exited, stderr: () => stderr };
}
