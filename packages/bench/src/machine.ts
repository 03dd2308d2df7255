import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.js';
import type { Tools } from './tools.js';

/** What the result file says about where it was measured. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly kernel: string;
  readonly node: string;
  /** `name version` of curl, wget2 and the pinned Node clients. */
  readonly clients: readonly string[];
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

async function firstLine(binary: string | undefined, args: readonly string[]): Promise<string | undefined> {
  if (binary === undefined) return undefined;
  const result = await runChild(binary, args, { timeoutMs: 5000 });
  return (result.stdout || result.stderr).trim().split('\n')[0];
}

function pinned(): string[] {
  const manifest = JSON.parse(readOr(fileURLToPath(new URL('../package.json', import.meta.url)), '{}')) as {
    dependencies?: Record<string, string>;
  };
  const deps = manifest.dependencies ?? {};
  return ['undici', 'axios'].map((name) => `${name} ${deps[name] ?? '?'}`);
}

/** CPU model, cores, memory, OS, Node and client versions of this machine. */
export async function machineInfo(tools: Tools): Promise<MachineInfo> {
  const cpuinfo = readOr('/proc/cpuinfo', '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const release = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readOr('/etc/os-release', ''))?.[1] ?? os.type();
  const curl = await firstLine(tools.curl, ['--version']);
  const wget2 = await firstLine(tools.wget2, ['--version']);
  return {
    cpu: model.trim(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    os: release,
    kernel: os.release(),
    node: process.version,
    clients: [
      ...pinned(),
      curl?.split(' (')[0] ?? 'curl: not available',
      wget2?.split(' - ')[0] ?? 'wget2: not available',
    ],
  };
}

/** The file system type (`ext4`, `tmpfs`, …) of the mount that holds `dir`, from /proc/mounts. */
export function fileSystemOf(dir: string): string {
  let best = { mount: '', type: 'unknown' };
  for (const line of readOr('/proc/mounts', '').split('\n')) {
    const [, mount = '', type = ''] = line.split(' ');
    const inside = dir === mount || dir.startsWith(mount.endsWith('/') ? mount : `${mount}/`);
    if (inside && mount.length >= best.mount.length) best = { mount, type };
  }
  return best.type;
}
