import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { runChild } from './child.js';

/** The external programs the benchmark uses; `undefined` when not available. */
export interface Tools {
  readonly nginx: string | undefined;
  readonly curl: string | undefined;
  readonly wget2: string | undefined;
  /** GNU time, for the peak RSS and CPU time of curl and wget2. */
  readonly time: string | undefined;
  /** What was installed or could not be, for the result file. */
  readonly notes: readonly string[];
}

/** Debian package that provides each tool. */
const PACKAGES = { nginx: 'nginx-light', curl: 'curl', wget2: 'wget2', time: 'time' } as const;
type ToolName = keyof typeof PACKAGES;
const NAMES = Object.keys(PACKAGES) as ToolName[];

/** The absolute path of an executable named `name` on PATH (plus the sbin folders), if any. */
export function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', '/usr/bin'];
  for (const dir of dirs) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function findAll(): Record<ToolName, string | undefined> {
  return { nginx: which('nginx'), curl: which('curl'), wget2: which('wget2'), time: which('time') };
}

async function aptInstall(packages: readonly string[], notes: string[]): Promise<void> {
  const apt = which('apt-get');
  if (apt === undefined) {
    notes.push(`not installed (no apt-get): ${packages.join(', ')}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    notes.push(`not installed (needs root for apt-get): ${packages.join(', ')}`);
    return;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`[bench] installing with apt-get: ${packages.join(' ')}`);
  const update = await runChild(apt, ['update'], { timeoutMs: 180_000, env });
  if (update.code !== 0) notes.push(`apt-get update failed (code ${update.code}); trying install anyway`);
  const install = await runChild(apt, ['install', '-y', '--no-install-recommends', ...packages], {
    timeoutMs: 300_000,
    env,
  });
  if (install.code === 0) notes.push(`installed with apt-get: ${packages.join(', ')}`);
  else notes.push(`apt-get install failed (code ${install.code}): ${install.stderr.trim().slice(-300)}`);
}

/**
 * Find nginx, curl, wget2 and GNU time; with `install`, install the missing ones with apt-get first
 * (root and Debian/Ubuntu only). Missing tools are reported in `notes`, never fatal.
 */
export async function ensureTools(install: boolean): Promise<Tools> {
  const notes: string[] = [];
  let found = findAll();
  const missing = NAMES.filter((name) => found[name] === undefined);
  if (missing.length > 0 && install) {
    await aptInstall(
      missing.map((name) => PACKAGES[name]),
      notes,
    );
    found = findAll();
  }
  for (const name of NAMES) if (found[name] === undefined) notes.push(`${name} not available`);
  return { ...found, notes };
}
