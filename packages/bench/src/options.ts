import { parseArgs } from 'node:util';

/** How big the data set and the workloads are. */
export interface Sizes {
  readonly smallCount: number;
  readonly smallBytes: number;
  readonly largeBytes: number;
  readonly tinyBytes: number;
  /** Item counts of the per-item scenario, smallest first. */
  readonly itemCounts: readonly number[];
}

/** Every contender the harness knows, in table order. */
export const CONTENDERS = [
  'drover',
  'drover-per-host',
  'drover-axios',
  'raw-undici',
  'raw-axios',
  'curl',
  'wget2',
] as const;
/** One of {@link CONTENDERS}. */
export type ContenderName = (typeof CONTENDERS)[number];

/** Every scenario group the harness knows. */
export const SCENARIOS = ['small', 'large', 'items'] as const;
/** One of {@link SCENARIOS}. */
export type ScenarioGroup = (typeof SCENARIOS)[number];

/** The parsed command line (and environment). */
export interface BenchOptions {
  readonly runs: number;
  readonly warmups: number;
  /** Measured runs at the largest per-item count (100 000), which takes minutes per drover run. */
  readonly bigRuns: number;
  readonly quick: boolean;
  readonly sizes: Sizes;
  /** Concurrency levels of the small-files scenario. */
  readonly smallConcurrency: readonly number[];
  /** Concurrency of the per-item scenario. */
  readonly itemConcurrency: number;
  readonly scenarios: readonly ScenarioGroup[];
  readonly contenders: readonly ContenderName[];
  /** Install nginx, wget2 and GNU time with apt-get when missing. */
  readonly install: boolean;
  /** Force the testkit server even when nginx is available. */
  readonly forceTestkit: boolean;
  /** Write the result file (default: yes). */
  readonly save: boolean;
}

const FULL: Sizes = {
  smallCount: 2000,
  smallBytes: 16 * 1024,
  largeBytes: 1024 ** 3,
  tinyBytes: 128,
  itemCounts: [10_000, 100_000],
};

const QUICK: Sizes = { ...FULL, smallCount: 200, largeBytes: 64 * 1024 ** 2, itemCounts: [500, 2000] };

/** Usage text for `--help`. */
export const USAGE = `pnpm --filter @drover/bench bench [options]
  --runs N          measured runs per contender and scenario (default 5, env BENCH_RUNS)
  --warmups N       unmeasured warm-up runs first, at a tenth of the item count (default 1, env BENCH_WARMUPS)
  --big-runs N      measured runs at the largest per-item count, no warm-up (default 1, env BENCH_BIG_RUNS)
  --quick           small counts for a smoke test: 200 small files, 64 MiB large file, 500/2000 items
  --only LIST       scenarios, comma-separated: ${SCENARIOS.join(',')} (default all)
  --contenders LIST contenders, comma-separated: ${CONTENDERS.join(',')} (default all available)
  --concurrency LIST small-files concurrency levels (default 16,64)
  --item-concurrency N  per-item scenario concurrency (default 64)
  --no-install      never run apt-get
  --testkit         use the @drover/testkit server instead of nginx
  --no-save         print only, do not write results/<date>.md`;

function positiveInt(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, got ${text}`);
  return value;
}

function list<T extends string>(name: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(',').map((item) => item.trim());
  for (const item of items) {
    if (!allowed.includes(item as T))
      throw new Error(`${name}: unknown ${item}; known: ${allowed.join(', ')}`);
  }
  return items as T[];
}

/** Parse `argv` (without node and script) and the BENCH_* environment variables. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string' },
      warmups: { type: 'string' },
      'big-runs': { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      contenders: { type: 'string' },
      concurrency: { type: 'string' },
      'item-concurrency': { type: 'string' },
      'no-install': { type: 'boolean', default: false },
      testkit: { type: 'boolean', default: false },
      'no-save': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const runs = positiveInt('--runs', values.runs ?? env.BENCH_RUNS ?? '5');
  if (runs < 1) throw new Error('--runs must be at least 1');
  const quick = values.quick || env.BENCH_QUICK === '1';
  const concurrency = (values.concurrency ?? '16,64').split(',').map((c) => positiveInt('--concurrency', c));
  return {
    runs,
    warmups: positiveInt('--warmups', values.warmups ?? env.BENCH_WARMUPS ?? '1'),
    bigRuns: Math.max(1, positiveInt('--big-runs', values['big-runs'] ?? env.BENCH_BIG_RUNS ?? '1')),
    quick,
    sizes: quick ? QUICK : FULL,
    smallConcurrency: concurrency.filter((c) => c > 0),
    itemConcurrency: positiveInt('--item-concurrency', values['item-concurrency'] ?? '64') || 64,
    scenarios: values.only === undefined ? SCENARIOS : list('--only', values.only, SCENARIOS),
    contenders:
      values.contenders === undefined ? CONTENDERS : list('--contenders', values.contenders, CONTENDERS),
    install: !values['no-install'],
    forceTestkit: values.testkit,
    save: !values['no-save'],
  };
}
