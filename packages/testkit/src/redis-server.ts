import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /**
   * Persist every write to an append-only file in the server's folder (fsync on each write), so a
   * restart on the same folder keeps the data, as a production Redis for BullMQ should.
   * @default false (no persistence at all)
   */
  readonly appendOnly?: boolean;
  /** The `redis-server` binary. @default process.env.REDIS_SERVER ?? 'redis-server' */
  readonly binary?: string;
}

/** A `redis-server` child process on 127.0.0.1; see {@link startRedisServer}. */
export interface RedisServerHandle {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Its temporary folder (append-only file, logs). */
  readonly dir: string;
  /** Kill the server (SIGKILL unless told otherwise) and wait until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start it again on the same port and folder (after `kill`). */
  restart(): Promise<void>;
  /** Stop it and remove its folder. */
  stop(): Promise<void>;
}

/** What to do when `redis-server` cannot be run. */
export const REDIS_INSTALL_HINT =
  'redis-server is needed for the @drover/redis tests: install it with `sudo apt-get install -y redis-server` ' +
  '(Debian/Ubuntu; `brew install redis` on macOS), or point REDIS_SERVER at the binary';

function launch(binary: string, args: readonly string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${REDIS_INSTALL_HINT} (${error.message})`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

function stopped(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Start a real `redis-server` on 127.0.0.1, on a free port, in a temporary folder, with no RDB
 * snapshots and `maxmemory-policy noeviction` (what BullMQ needs). For tests and benchmarks.
 * @throws Error with {@link REDIS_INSTALL_HINT} when `redis-server` is not installed.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const binary = options.binary ?? process.env.REDIS_SERVER ?? 'redis-server';
  if (spawnSync(binary, ['--version']).error !== undefined) throw new Error(REDIS_INSTALL_HINT);
  const dir = await mkdtemp(path.join(tmpdir(), 'drover-redis-'));
  const persistence =
    options.appendOnly === true ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  let port = 0;
  let child: ChildProcess | undefined;
  const args = (): string[] => [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
    ...['--maxmemory-policy', 'noeviction', '--daemonize', 'no', '--logfile', ''],
    ...persistence,
  ];
  for (let tries = 0; child === undefined; tries++) {
    port = await freePort();
    // Another process may take the port between the probe and the start: try another one.
    child = await launch(binary, args()).catch((error: unknown) => {
      if (tries >= 4) throw error;
      return undefined;
    });
  }
  let current: ChildProcess = child;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    kill: (signal = 'SIGKILL') => stopped(current, signal),
    restart: async () => {
      current = await launch(binary, args());
    },
    stop: async () => {
      await stopped(current, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
