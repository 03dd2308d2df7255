import type { FileKind } from './file-server.js';
import type { DroverMode } from './job.js';
import type { BenchOptions, ContenderName, ScenarioGroup } from './options.js';

/** One measured workload: every contender fetches the same URLs with the same concurrency. */
export interface Scenario {
  /** Short id, used in folder names. */
  readonly id: string;
  readonly title: string;
  readonly group: ScenarioGroup;
  /** Throughput is files per second, or MB (10^6 bytes) per second for the large file. */
  readonly unit: 'files/s' | 'MB/s';
  readonly fileKind: FileKind;
  readonly count: number;
  readonly bytesPerFile: number;
  readonly concurrency: number;
  readonly droverMode: DroverMode;
  /** `disk`: a temp folder on the disk; `memory`: a tmpfs folder (/dev/shm) when there is one. */
  readonly output: 'disk' | 'memory';
  /** A run that takes longer is killed and counted as failed. */
  readonly timeoutMs: number;
  /** Every figure is also shown as a ratio to these contenders. */
  readonly baselines: readonly ContenderName[];
  readonly runs: number;
  readonly warmups: number;
  /** Items of a warm-up run: a tenth of `count` (at least 1), the same URLs. */
  readonly warmupCount: number;
}

type Shape = Omit<Scenario, 'runs' | 'warmups' | 'warmupCount'>;

function withRuns(shape: Shape, runs: number, warmups: number): Scenario {
  return { ...shape, runs, warmups, warmupCount: Math.max(1, Math.ceil(shape.count / 10)) };
}

function mib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GiB` : `${bytes / 1024 ** 2} MiB`;
}

/** The scenarios selected by `options`, in run order. */
export function buildScenarios(options: BenchOptions): Scenario[] {
  const { sizes } = options;
  const scenarios: Scenario[] = [];
  const { runs, warmups } = options;
  if (options.scenarios.includes('small')) {
    for (const concurrency of options.smallConcurrency) {
      const shape: Shape = {
        id: `small-c${concurrency}`,
        title: `Many small files: ${sizes.smallCount} × ${sizes.smallBytes / 1024} KiB to disk, concurrency ${concurrency}`,
        group: 'small',
        unit: 'files/s',
        fileKind: 'small',
        count: sizes.smallCount,
        bytesPerFile: sizes.smallBytes,
        concurrency,
        droverMode: 'swarm',
        output: 'disk',
        timeoutMs: 120_000,
        baselines: ['raw-undici'],
      };
      scenarios.push(withRuns(shape, runs, warmups));
    }
  }
  if (options.scenarios.includes('large')) {
    const shape: Shape = {
      id: 'large',
      title: `One large file: ${mib(sizes.largeBytes)} single stream to disk`,
      group: 'large',
      unit: 'MB/s',
      fileKind: 'large',
      count: 1,
      bytesPerFile: sizes.largeBytes,
      concurrency: 1,
      droverMode: 'one',
      output: 'disk',
      timeoutMs: 300_000,
      baselines: ['raw-undici', 'raw-axios'],
    };
    scenarios.push(withRuns(shape, runs, warmups));
  }
  if (options.scenarios.includes('items')) {
    const biggest = Math.max(...sizes.itemCounts);
    for (const count of sizes.itemCounts) {
      const shape: Shape = {
        id: `items-${count}`,
        title: `Per-item overhead: ${count} URLs of a ${sizes.tinyBytes} B file to tmpfs, concurrency ${options.itemConcurrency}`,
        group: 'items',
        unit: 'files/s',
        fileKind: 'tiny',
        count,
        bytesPerFile: sizes.tinyBytes,
        concurrency: options.itemConcurrency,
        droverMode: 'each',
        output: 'memory',
        timeoutMs: 60_000 + count * 8,
        baselines: ['raw-undici'],
      };
      // The biggest count runs right after the smaller one (same code paths, warm), so no warm-up.
      const big = count === biggest && sizes.itemCounts.length > 1;
      scenarios.push(big ? withRuns(shape, options.bigRuns, 0) : withRuns(shape, runs, warmups));
    }
  }
  return scenarios;
}
