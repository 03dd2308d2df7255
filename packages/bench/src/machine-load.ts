import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { runChild } from './child.js';

/** One process as /proc/<pid>/stat has it. */
interface ProcessTicks {
  readonly name: string;
  readonly ppid: number;
  /** utime + stime. */
  readonly ticks: number;
  /** cutime + cstime: reaped children. */
  readonly childTicks: number;
}

/** Clock ticks per second of /proc figures (USER_HZ, 100 on Linux). */
const HZ = 100;

/** CPU ticks and command name of every process, from /proc. */
async function processTicks(): Promise<Map<number, ProcessTicks>> {
  const result = new Map<number, ProcessTicks>();
  const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  for (const pid of pids.slice(0, 5000)) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (close < 0) continue;
    const name = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    const at = (index: number) => Number(fields[index]);
    result.set(Number(pid), { name, ppid: at(1), ticks: at(11) + at(12), childTicks: at(13) + at(14) });
  }
  return result;
}

/**
 * Processes other than this one that used more than 10 % of a core over `sampleMs`, as
 * `name pid (NN %)`: the benchmark shares the machine with them, so the result file says so.
 */
export async function busyProcesses(sampleMs = 1000): Promise<string[]> {
  const before = await processTicks();
  await sleep(sampleMs);
  const after = await processTicks();
  const busy: string[] = [];
  for (const [pid, now] of after) {
    const then = before.get(pid);
    if (then === undefined || pid === process.pid) continue;
    const percent = ((now.ticks - then.ticks) / HZ / (sampleMs / 1000)) * 100;
    if (percent > 10) busy.push(`${now.name} ${pid} (${percent.toFixed(0)} %)`);
  }
  return busy;
}

/** Busy ticks of the whole machine and of this process tree, at one moment. */
export interface CpuSnapshot {
  readonly machine: number;
  readonly ours: number;
}

/**
 * Snapshot busy CPU ticks: the machine's (user, nice, system, irq, softirq from /proc/stat) and this
 * process tree's (this process with its reaped children, plus live descendants such as nginx).
 */
export async function cpuSnapshot(): Promise<CpuSnapshot> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = (stat.split('\n')[0] ?? '')
    .trim()
    .split(/\s+/)
    .map(Number);
  const processes = await processTicks();
  const ours = new Set([process.pid]);
  let total = 0;
  // Parents come before children in /proc order almost always; a few passes settle the rest.
  for (let pass = 0; pass < 4; pass++) {
    for (const [pid, info] of processes) if (ours.has(info.ppid)) ours.add(pid);
  }
  for (const pid of ours) {
    const info = processes.get(pid);
    if (info === undefined) continue;
    total += info.ticks + (pid === process.pid ? info.childTicks : 0);
  }
  return { machine: user + nice + system + irq + softirq, ours: total };
}

/** CPU seconds used by processes outside this benchmark between two snapshots (never below 0). */
export function foreignCpuSeconds(before: CpuSnapshot, after: CpuSnapshot): number {
  return Math.max(0, after.machine - before.machine - (after.ours - before.ours)) / HZ;
}

/** The 1-minute load average, rounded. */
export function loadAverage(): string {
  return os.loadavg()[0]?.toFixed(2) ?? 'n/a';
}

/** The drover code measured: git HEAD and how many uncommitted changes packages/core had. */
export async function codeState(repoRoot: string): Promise<string> {
  const head = await runChild('git', ['rev-parse', '--short', 'HEAD'], {
    timeoutMs: 5000,
    cwd: repoRoot,
  }).catch(() => undefined);
  const status = await runChild('git', ['status', '--porcelain', '--', 'packages/core'], {
    timeoutMs: 5000,
    cwd: repoRoot,
  }).catch(() => undefined);
  if (head === undefined || head.code !== 0) return 'drover core: not a git checkout';
  const changed = status?.stdout.split('\n').filter((line) => line.trim() !== '').length ?? 0;
  const dirty = changed === 0 ? 'clean' : `plus ${changed} uncommitted changed/new files in packages/core`;
  return `drover core: commit ${head.stdout.trim()}, ${dirty}`;
}
