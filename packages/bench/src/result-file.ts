import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.js';
import type { MachineInfo } from './machine.js';
import type { BenchOptions } from './options.js';
import { machineSection, memoryTable, scenarioTable } from './report.js';
import type { ScenarioResult } from './runner.js';

/** Everything a result file is made of. */
export interface ResultInput {
  readonly date: Date;
  readonly options: BenchOptions;
  readonly machine: MachineInfo;
  readonly server: string;
  readonly notes: readonly string[];
  readonly results: readonly ScenarioResult[];
  readonly totalSeconds: number;
}

const METHOD = `Each contender runs as its own child process on a fresh output folder; after each run the
harness checks the output (file count, every file's exact size, no leftovers) and a run that fails
or leaves wrong output drops the contender from the scenario. The Node contenders (drover,
raw-undici, raw-axios) are bundled once with esbuild (drover from its TypeScript source) and run
with plain \`node\`; they time themselves from the first request to the last file closed (process
start and imports excluded), CPU is user+system over that window, peak RSS is the whole process'
\`resourceUsage().maxRSS\`. curl and wget2 are timed wall-clock from spawn to exit, CPU and peak RSS
from GNU \`time\`. Rate and CPU are medians over the measured runs, min–max is the rate's range, peak
RSS is the largest over the runs. Ratios divide a contender's figure by the baseline's (rate: higher
is better; RSS and CPU: lower is better). Contender order rotates every round.`;

function runsLine(input: ResultInput): string {
  const { options, totalSeconds } = input;
  const big = Math.max(...options.sizes.itemCounts);
  const bigNote = options.scenarios.includes('items')
    ? ` The ${big}-item scenario: ${options.bigRuns} measured, no warm-up.`
    : '';
  return `Runs: ${options.warmups} warm-up (a tenth of the items) + ${options.runs} measured per contender and scenario.${bigNote} Total ${totalSeconds.toFixed(0)} s.`;
}

/** The result as markdown: machine, method, one table per scenario, the per-item memory table. */
export function renderResult(input: ResultInput): string {
  const { options } = input;
  const parts = [
    `# drover benchmark ${input.date.toISOString().slice(0, 16).replace('T', ' ')} UTC${options.quick ? ' (quick)' : ''}`,
    machineSection(input.date, input.machine, input.server, input.notes),
    runsLine(input),
    METHOD,
    ...input.results.map(scenarioTable),
  ];
  const memory = memoryTable(input.results);
  if (memory !== undefined) parts.push(memory);
  return `${parts.join('\n\n')}\n`;
}

/**
 * Write `markdown` to `packages/bench/results/YYYY-MM-DD-HHMM<suffix>.md` (UTC), format it with the
 * workspace's biome (so `pnpm lint` stays green; skipped when biome is missing) and return the path.
 */
export async function saveResult(markdown: string, date: Date, suffix: string): Promise<string> {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  const stamp = date.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
  const file = path.join(dir, `${stamp}${suffix}.md`);
  await writeFile(file, markdown);
  const biome = fileURLToPath(new URL('../../../node_modules/.bin/biome', import.meta.url));
  if (existsSync(biome)) await runChild(biome, ['format', '--write', file], { timeoutMs: 30_000 });
  return file;
}
