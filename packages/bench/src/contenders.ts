import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_SCRIPTS, type NodeContender, scriptPath } from './bundle.js';
import { runChild } from './child.js';
import { type Job, type NodeReport, PROFILE_ENV } from './job.js';
import type { ContenderName } from './options.js';
import type { Tools } from './tools.js';
import { urlOf } from './url-set.js';

/** One contender run's figures, or why it has none. */
export type Measurement =
  | {
      readonly ok: true;
      readonly elapsedMs: number;
      /** User + system CPU ms; `undefined` when GNU time is missing for a native tool. */
      readonly cpuMs: number | undefined;
      readonly maxRssKiB: number | undefined;
    }
  | { readonly ok: false; readonly error: string };

/** Where a contender may write its list files and how long it may take. */
export interface RunContext {
  readonly tools: Tools;
  /** A folder for config and list files, outside the output folder. */
  readonly scratchDir: string;
  readonly timeoutMs: number;
  /** A Node contender writes a CPU profile of its measured window here. */
  readonly profileFile?: string | undefined;
  /** Bundled Node contenders; without them the TypeScript sources run under tsx. */
  readonly bundles?: Readonly<Record<NodeContender, string>> | undefined;
}

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

function isNodeContender(name: ContenderName): name is NodeContender {
  return name in NODE_SCRIPTS;
}

/** Whether `name` can run with the tools at hand. */
export function isAvailable(name: ContenderName, tools: Tools): boolean {
  if (name === 'curl') return tools.curl !== undefined;
  if (name === 'wget2') return tools.wget2 !== undefined;
  return true;
}

function failure(what: string, stderr: string): Measurement {
  const tail = stderr.trim().split('\n').slice(-3).join(' | ');
  return { ok: false, error: tail === '' ? what : `${what}: ${tail.slice(0, 400)}` };
}

async function runNode(name: NodeContender, job: Job, context: RunContext): Promise<Measurement> {
  const bundle = context.bundles?.[name];
  const entry =
    bundle === undefined ? ['--import', 'tsx', '--conditions=source', scriptPath(name)] : [bundle];
  const args = [...entry, JSON.stringify(job)];
  const env: NodeJS.ProcessEnv = { ...process.env, DROVER_TRANSPORT: transportOf(name) };
  // The configuration users run: a per-host limit as large as the concurrency (one host here).
  if (name === 'drover-per-host') env.DROVER_BENCH_PER_HOST = '1';
  if (context.profileFile !== undefined) env[PROFILE_ENV] = context.profileFile;
  const result = await runChild(process.execPath, args, {
    timeoutMs: context.timeoutMs,
    cwd: PACKAGE_DIR,
    env,
  });
  if (result.timedOut) return failure(`timed out after ${context.timeoutMs} ms`, result.stderr);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.code !== 0 || !last.startsWith('{')) return failure(`exit ${result.code}`, result.stderr);
  const report = JSON.parse(last) as NodeReport;
  if (report.failed > 0) return { ok: false, error: `${report.failed} items failed: ${report.firstError}` };
  return { ok: true, elapsedMs: report.elapsedMs, cpuMs: report.cpuMs, maxRssKiB: report.maxRssKiB };
}

/** drover's transport for a drover contender: `drover` runs the default (undici), `drover-axios` axios. */
function transportOf(name: NodeContender): string | undefined {
  if (name === 'drover' || name === 'drover-per-host') return 'undici';
  if (name === 'drover-axios') return 'axios';
  return undefined;
}

/** The curl config: one `url`/`output` pair per item. */
function curlConfig(job: Job): string {
  const lines: string[] = [];
  for (let index = 0; index < job.count; index++) {
    lines.push(`url = "${urlOf(job.urls, index)}"`, `output = "${path.join(job.outDir, String(index))}"`);
  }
  return `${lines.join('\n')}\n`;
}

function wgetList(job: Job): string {
  const lines: string[] = [];
  for (let index = 0; index < job.count; index++) lines.push(urlOf(job.urls, index));
  return `${lines.join('\n')}\n`;
}

async function nativeCommand(name: 'curl' | 'wget2', job: Job, context: RunContext): Promise<string[]> {
  const c = String(job.concurrency);
  if (name === 'curl') {
    const config = path.join(context.scratchDir, 'curl.conf');
    await writeFile(config, curlConfig(job));
    return [context.tools.curl ?? 'curl', '--parallel', '--parallel-immediate', '--parallel-max', c].concat([
      '--config',
      config,
      '--silent',
      '--show-error',
      '--fail',
    ]);
  }
  const list = path.join(context.scratchDir, 'wget2.list');
  await writeFile(list, wgetList(job));
  return [context.tools.wget2 ?? 'wget2', '--no-config', '--quiet', `--max-threads=${c}`, '--tries=1'].concat(
    ['--no-hsts', '--no-hpkp', `--input-file=${list}`, `--directory-prefix=${job.outDir}`],
  );
}

async function runNative(name: 'curl' | 'wget2', job: Job, context: RunContext): Promise<Measurement> {
  const command = await nativeCommand(name, job, context);
  const timeFile = path.join(context.scratchDir, 'time.txt');
  const timed =
    context.tools.time === undefined
      ? command
      : [context.tools.time, '-f', '%U %S %M', '-o', timeFile, ...command];
  const [program = '', ...args] = timed;
  const result = await runChild(program, args, { timeoutMs: context.timeoutMs, cwd: job.outDir });
  if (result.timedOut) return failure(`timed out after ${context.timeoutMs} ms`, result.stderr);
  if (result.code !== 0) return failure(`exit ${result.code}`, result.stderr);
  if (context.tools.time === undefined) {
    return { ok: true, elapsedMs: result.elapsedMs, cpuMs: undefined, maxRssKiB: undefined };
  }
  const [user = Number.NaN, system = Number.NaN, rss = Number.NaN] =
    (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  return { ok: true, elapsedMs: result.elapsedMs, cpuMs: (user + system) * 1000, maxRssKiB: rss };
}

/** Run one contender on one job in its own process and collect its figures (output not yet verified). */
export async function runContender(name: ContenderName, job: Job, context: RunContext): Promise<Measurement> {
  if (isNodeContender(name)) return runNode(name, job, context);
  if (name === 'curl' || name === 'wget2') return runNative(name, job, context);
  return { ok: false, error: `unknown contender ${name}` };
}
