import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { UrlSet } from './url-set.js';

/** How the drover contender drives the coordinator: `swarm`, `one` or `each`. */
export type DroverMode = 'swarm' | 'one' | 'each';

/** One run of one workload, as handed to a contender process. */
export interface Job {
  readonly urls: UrlSet;
  /** Items to fetch: indexes 0 … count − 1 of `urls`. */
  readonly count: number;
  readonly concurrency: number;
  /** A fresh, empty folder to write into. */
  readonly outDir: string;
  readonly droverMode: DroverMode;
}

/** What a Node contender prints as its last stdout line (JSON). */
export interface NodeReport {
  /** Items that ended as a complete file. */
  readonly ok: number;
  readonly failed: number;
  /** The first failure's message, if any. */
  readonly firstError: string | undefined;
  /** Milliseconds from the first request to the last file closed (imports and setup excluded). */
  readonly elapsedMs: number;
  /** User + system CPU milliseconds over the same window. */
  readonly cpuMs: number;
  /** Peak resident set of the whole process, KiB (`process.resourceUsage().maxRSS`). */
  readonly maxRssKiB: number;
}

/** Read the job a contender process was started with (JSON in argv[2]). */
export function readJob(argv: readonly string[]): Job {
  const text = argv[2];
  if (text === undefined) throw new Error('usage: <contender> <job JSON>');
  return JSON.parse(text) as Job;
}

/** Environment variable naming the file a Node contender writes a CPU profile of its measured window to. */
export const PROFILE_ENV = 'BENCH_CPU_PROFILE';

/** What {@link startMeasuring} returns: call it at the end with the tally. */
export type FinishMeasuring = (ok: number, failed: number, firstError: string | undefined) => Promise<void>;

/**
 * Start measuring (and, when {@link PROFILE_ENV} names a file, CPU-profiling) the contender's work;
 * the returned function stops both and prints the {@link NodeReport} as the last stdout line.
 */
export async function startMeasuring(): Promise<FinishMeasuring> {
  const profileFile = process.env[PROFILE_ENV];
  const session = profileFile === undefined ? undefined : new Session();
  if (session !== undefined) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  return async (ok, failed, firstError) => {
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    if (session !== undefined && profileFile !== undefined) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(profileFile, JSON.stringify(profile));
      session.disconnect();
    }
    const report: NodeReport = {
      ok,
      failed,
      firstError,
      elapsedMs,
      cpuMs: (used.user + used.system) / 1000,
      maxRssKiB: process.resourceUsage().maxRSS,
    };
    console.log(JSON.stringify(report));
  };
}
