import type { MachineInfo } from './machine.js';
import type { ContenderName } from './options.js';
import type { ContenderResult, Sample, ScenarioResult } from './runner.js';
import type { Scenario } from './scenarios.js';
import { figure, median, range, ratio } from './stats.js';

/** The figures of one contender in one scenario. */
interface Row {
  readonly name: ContenderName;
  readonly error: string | undefined;
  readonly rate: number;
  readonly min: number;
  readonly max: number;
  /** Peak RSS in MiB: the largest over the measured runs. */
  readonly rssMiB: number | undefined;
  /** Median CPU seconds. */
  readonly cpuS: number | undefined;
}

function rateOf(scenario: Scenario, sample: Sample): number {
  const seconds = sample.elapsedMs / 1000;
  return scenario.unit === 'MB/s'
    ? (scenario.count * scenario.bytesPerFile) / seconds / 1e6
    : scenario.count / seconds;
}

function known(values: readonly (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined && Number.isFinite(value));
}

function toRow(scenario: Scenario, result: ContenderResult): Row {
  const rates = result.samples.map((sample) => rateOf(scenario, sample));
  const rss = known(result.samples.map((sample) => sample.maxRssKiB));
  const cpu = known(result.samples.map((sample) => sample.cpuMs));
  const { min, max } = range(rates);
  return {
    name: result.name,
    error: result.error,
    rate: median(rates),
    min,
    max,
    rssMiB: rss.length === 0 ? undefined : Math.max(...rss) / 1024,
    cpuS: cpu.length === 0 ? undefined : median(cpu) / 1000,
  };
}

function short(name: ContenderName): string {
  return name.replace(/^raw-/, '');
}

/** One scenario as a markdown table, every figure also as a ratio to the scenario's baselines. */
export function scenarioTable(result: ScenarioResult): string {
  const { scenario } = result;
  const rows = result.results.map((r) => toRow(scenario, r));
  const bases = scenario.baselines.map((name) =>
    rows.find((row) => row.name === name && row.error === undefined),
  );
  const vs = `vs ${scenario.baselines.map(short).join(' / ')}`;
  const ratios = (pick: (row: Row) => number | undefined, row: Row) =>
    bases.map((base) => ratio(pick(row), base === undefined ? undefined : pick(base)) || '–').join(' / ');
  const lines = [
    `### ${scenario.title}`,
    '',
    `| contender | ${scenario.unit} (median) | ${vs} | min–max | peak RSS MiB | ${vs} | CPU s | ${vs} |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    if (row.error !== undefined) {
      lines.push(`| ${row.name} | FAILED: ${row.error.replaceAll('|', '/')} | | | | | | |`);
      continue;
    }
    lines.push(
      [
        '',
        row.name,
        figure(row.rate),
        ratios((r) => r.rate, row),
        `${figure(row.min)}–${figure(row.max)}`,
        figure(row.rssMiB),
        ratios((r) => r.rssMiB, row),
        figure(row.cpuS),
        ratios((r) => r.cpuS, row),
        '',
      ]
        .join(' | ')
        .trim(),
    );
  }
  const { load, seconds, foreignCpuSeconds } = result;
  const share = seconds > 0 ? (foreignCpuSeconds / seconds) * 100 : 0;
  lines.push(
    '',
    `Scenario took ${seconds.toFixed(0)} s; other processes on the machine used ${foreignCpuSeconds.toFixed(1)} CPU-s meanwhile (${share.toFixed(0)} % of one core); 1-min load ${load.start} → ${load.end}.`,
  );
  return lines.join('\n');
}

/** Peak RSS of each contender at every per-item count side by side, to show whether memory stays flat. */
export function memoryTable(results: readonly ScenarioResult[]): string | undefined {
  const items = results.filter((result) => result.scenario.group === 'items');
  if (items.length < 2) return undefined;
  const header = items.map((result) => `RSS MiB @ ${result.scenario.count}`);
  const names = items[0]?.results.map((result) => result.name) ?? [];
  const lines = [
    '### Per-item memory: peak RSS by item count',
    '',
    `| contender | ${header.join(' | ')} | growth MiB |`,
    `| --- | ${header.map(() => '---:').join(' | ')} | ---: |`,
  ];
  for (const name of names) {
    const rss = items.map((result) => {
      const found = result.results.find((r) => r.name === name);
      return found === undefined ? undefined : toRow(result.scenario, found).rssMiB;
    });
    const first = rss[0];
    const last = rss.at(-1);
    const growth = first === undefined || last === undefined ? undefined : last - first;
    lines.push(`| ${name} | ${rss.map(figure).join(' | ')} | ${figure(growth)} |`);
  }
  return lines.join('\n');
}

/** The header of a result file: when, where, with which server and tools. */
export function machineSection(
  date: Date,
  machine: MachineInfo,
  server: string,
  notes: readonly string[],
): string {
  const lines = [
    `- date: ${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `- CPU: ${machine.cpu}, ${machine.cores} cores; RAM ${machine.memoryGiB} GiB`,
    `- OS: ${machine.os}, kernel ${machine.kernel}; Node ${machine.node}`,
    `- server: ${server}`,
    `- clients: ${machine.clients.join('; ')}`,
  ];
  for (const note of notes) lines.push(`- note: ${note}`);
  return lines.join('\n');
}
