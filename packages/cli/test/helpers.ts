import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { urlToRelativePath } from '@drover/core';
import { createTestServer, type TestServer } from '@drover/testkit';
import type { Io } from '../src/io.js';

/** The CLI's source entry, run through tsx: tests need no build. */
export const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
/** The committed launcher of the built CLI. */
export const LAUNCHER = fileURLToPath(new URL('../bin/drover.js', import.meta.url));
/** `--import` takes a specifier resolved from the working folder, so pass tsx's own URL. */
const TSX = import.meta.resolve('tsx');
/** The node arguments that run the CLI from source. */
export const SOURCE_ARGS = ['--import', TSX, '--conditions=source', BIN];

/** What a finished CLI process left. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link startCli}. */
export interface CliOptions {
  /** Written to standard input, then closed; without it stdin is closed at once. */
  readonly input?: string;
  readonly cwd?: string;
  /** The process is killed (SIGKILL) after this long. @default 20_000 */
  readonly timeoutMs?: number;
  /** Node arguments before the CLI's own. @default SOURCE_ARGS */
  readonly entry?: readonly string[];
}

/** A running CLI process and its result to come. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  readonly done: Promise<CliResult>;
}

/** Start `drover ARGS` as a subprocess, bounded by a timeout. */
export function startCli(args: readonly string[], options: CliOptions = {}): RunningCli {
  const child = spawn(process.execPath, [...(options.entry ?? SOURCE_ARGS), ...args], {
    cwd: options.cwd ?? process.cwd(),
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin?.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, done };
}

/** Run `drover ARGS` to the end. */
export function drover(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** A testkit server for the enclosing `describe`. */
export function useServer(): { readonly server: TestServer; readonly url: string } {
  let server: TestServer | undefined;
  before(async () => {
    server = await createTestServer();
  });
  after(async () => {
    await server?.close();
  });
  const get = (): TestServer => {
    if (server === undefined) throw new Error('server not started');
    return server;
  };
  return {
    get server() {
      return get();
    },
    get url() {
      return get().url;
    },
  };
}

/** A fresh temporary folder, removed when the test ends. */
export async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'drover-cli-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir`, relative, sorted (from the testkit). */
export { listFiles } from '@drover/testkit';

/** Where `get` puts a testkit URL under `dir` (the default URL mapping). */
export function mappedPath(dir: string, url: string): string {
  return path.join(dir, urlToRelativePath(url));
}

/** Poll `condition` every 20 ms until it holds, or fail after `timeoutMs` (from the testkit). */
export { waitFor } from '@drover/testkit';

/** In-memory streams for running the CLI in-process (usage errors, help). */
export function memoryIo(input = ''): Io & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const stdin = new PassThrough();
  stdin.end(input);
  return { stdin, stdout, stderr, out: () => out, err: () => err };
}

/** The JSON lines of a text. */
export function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}
