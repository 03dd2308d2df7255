import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { NodeContender } from './bundle.js';
import { isAvailable, runContender } from './contenders.js';
import type { FileServer } from './file-server.js';
import type { Job } from './job.js';
import { cpuSnapshot, foreignCpuSeconds, loadAverage } from './machine-load.js';
import type { ContenderName } from './options.js';
import type { Scenario } from './scenarios.js';
import type { Tools } from './tools.js';
import { verifyOutput } from './verify.js';

/** One measured, verified run. */
export interface Sample {
  readonly elapsedMs: number;
  readonly cpuMs: number | undefined;
  readonly maxRssKiB: number | undefined;
}

/** A contender's measured runs in one scenario, or why it dropped out. */
export interface ContenderResult {
  readonly name: ContenderName;
  readonly samples: readonly Sample[];
  /** Set when a run failed or its output was wrong; the contender is not run again in this scenario. */
  readonly error: string | undefined;
}

/** Every contender's result in one scenario. */
export interface ScenarioResult {
  readonly scenario: Scenario;
  /** The 1-minute load average when the scenario started and when it ended. */
  readonly load: { readonly start: string; readonly end: string };
  /** Wall seconds the scenario took, and CPU seconds other processes on the machine used meanwhile. */
  readonly seconds: number;
  readonly foreignCpuSeconds: number;
  readonly results: readonly ContenderResult[];
}

/** What {@link runScenario} needs besides the scenario. */
export interface RunnerContext {
  readonly server: FileServer;
  readonly tools: Tools;
  readonly contenders: readonly ContenderName[];
  /** Parent folders for output: on disk, and on tmpfs (may be the same). */
  readonly diskDir: string;
  readonly memoryDir: string;
  readonly log: (line: string) => void;
  /** A Node contender writes a CPU profile of its measured window here. */
  readonly profileFile?: string | undefined;
  /** Bundled Node contenders; without them they run under tsx. */
  readonly bundles?: Readonly<Record<NodeContender, string>> | undefined;
  /** Aborted on SIGINT/SIGTERM: no further run starts. */
  readonly signal?: AbortSignal;
}

/** A verified sample, or why there is none. */
export type Outcome = { sample: Sample } | { error: string };

/** Run `name` once on `count` items of `scenario` in a fresh output folder, verify it, remove it. */
export async function runOnce(
  scenario: Scenario,
  name: ContenderName,
  context: RunnerContext,
  count: number = scenario.count,
): Promise<Outcome> {
  const parent = scenario.output === 'disk' ? context.diskDir : context.memoryDir;
  const outDir = await mkdtemp(path.join(parent, `${scenario.id}-${name}-`));
  const scratchDir = await mkdtemp(path.join(context.diskDir, `scratch-${name}-`));
  try {
    const job: Job = {
      urls: context.server.urls(scenario.fileKind),
      count,
      concurrency: scenario.concurrency,
      outDir,
      droverMode: scenario.droverMode,
    };
    const { tools, profileFile, bundles } = context;
    const run = {
      tools,
      scratchDir,
      timeoutMs: scenario.timeoutMs,
      profileFile,
      ...(bundles && { bundles }),
    };
    const measured = await runContender(name, job, run);
    if (!measured.ok) return { error: measured.error };
    const wrong = await verifyOutput(outDir, { files: count, bytesPerFile: scenario.bytesPerFile });
    if (wrong !== undefined) return { error: `wrong output: ${wrong}` };
    return { sample: measured };
  } finally {
    await rm(outDir, { recursive: true, force: true, maxRetries: 3 });
    await rm(scratchDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

function describe(scenario: Scenario, count: number, sample: Sample): string {
  const seconds = sample.elapsedMs / 1000;
  const rate =
    scenario.unit === 'MB/s'
      ? `${((count * scenario.bytesPerFile) / seconds / 1e6).toFixed(0)} MB/s`
      : `${(count / seconds).toFixed(0)} files/s`;
  const rss = sample.maxRssKiB === undefined ? 'n/a' : `${(sample.maxRssKiB / 1024).toFixed(0)} MiB`;
  return `${seconds.toFixed(2)} s, ${rate}, RSS ${rss}`;
}

/**
 * Run the scenario's warm-up rounds (unmeasured, `warmupCount` items), then its measured rounds. Each round runs every contender once,
 * in an order rotated by one each round, so no contender always follows the same neighbour.
 */
export async function runScenario(scenario: Scenario, context: RunnerContext): Promise<ScenarioResult> {
  const names = context.contenders.filter((name) => isAvailable(name, context.tools));
  const samples = new Map<ContenderName, Sample[]>(names.map((name) => [name, []]));
  const errors = new Map<ContenderName, string>();
  const { runs, warmups } = scenario;
  const start = loadAverage();
  const began = Date.now();
  const cpuBefore = await cpuSnapshot();
  for (let round = 0; round < warmups + runs; round++) {
    const warm = round < warmups;
    const order = names.map((_, i) => names[(i + round) % names.length] as ContenderName);
    for (const name of order) {
      context.signal?.throwIfAborted();
      if (errors.has(name)) continue;
      const count = warm ? scenario.warmupCount : scenario.count;
      const outcome = await runOnce(scenario, name, context, count);
      context.signal?.throwIfAborted();
      const label = `${scenario.id} ${warm ? 'warm-up' : `run ${round - warmups + 1}/${runs}`} ${name}`;
      if ('error' in outcome) {
        errors.set(name, outcome.error);
        context.log(`${label}: FAILED ${outcome.error}`);
        continue;
      }
      context.log(`${label}: ${describe(scenario, count, outcome.sample)}`);
      if (!warm) samples.get(name)?.push(outcome.sample);
    }
  }
  return {
    scenario,
    load: { start, end: loadAverage() },
    seconds: (Date.now() - began) / 1000,
    foreignCpuSeconds: foreignCpuSeconds(cpuBefore, await cpuSnapshot()),
    results: names.map((name) => ({ name, samples: samples.get(name) ?? [], error: errors.get(name) })),
  };
}
