import { type ChildProcess, spawn } from 'node:child_process';

/** How {@link runChild} runs one command. */
export interface ChildOptions {
  /** Killed (whole process group, SIGKILL) after this many milliseconds. */
  readonly timeoutMs: number;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** What a finished (or killed) child left behind. */
export interface ChildResult {
  /** Exit code, or `null` when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Whether the timeout killed it. */
  readonly timedOut: boolean;
  /** Wall-clock milliseconds from spawn to exit. */
  readonly elapsedMs: number;
  /** The last 1 MiB of stdout. */
  readonly stdout: string;
  /** The last 64 KiB of stderr. */
  readonly stderr: string;
}

const STDOUT_LIMIT = 1024 * 1024;
const STDERR_LIMIT = 64 * 1024;
const running = new Set<ChildProcess>();

function keepTail(current: string, chunk: Buffer, limit: number): string {
  const next = current + chunk.toString('utf8');
  return next.length > limit ? next.slice(next.length - limit) : next;
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Run `command` in its own process group, capture the tails of its output, and kill the whole group
 * when `timeoutMs` passes. Never rejects for a failing command; rejects only when it cannot be spawned.
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout = keepTail(stdout, chunk, STDOUT_LIMIT);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = keepTail(stderr, chunk, STDERR_LIMIT);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, signal, timedOut, elapsedMs, stdout, stderr });
    });
  });
}

/** Kill every child {@link runChild} still has running (used on SIGINT and errors). */
export function killAllChildren(): void {
  for (const child of running) killGroup(child);
}
