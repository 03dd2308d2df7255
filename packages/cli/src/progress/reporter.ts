import { redactUrl } from '@drover/core';
import type { Io } from '../io.js';
import { retryLine } from './retry-line.js';
import type { FinishedItem, ProgressSource, RunStats } from './run-stats.js';
import { TtyProgress } from './tty-progress.js';

/** How a run shows itself: bars, plain lines, JSON lines, or only errors. */
export type OutputMode = 'tty' | 'plain' | 'json' | 'quiet';

/** The output flags shared by `get` and `check`. */
export interface OutputFlags {
  readonly quiet?: boolean;
  readonly json?: boolean;
}

/** The streams a run writes to. */
export type Streams = Pick<Io, 'stdout' | 'stderr'>;

/** `--json` wins, then `--quiet`; otherwise bars on a terminal and plain lines elsewhere. */
export function outputMode(flags: OutputFlags, stdout: { readonly isTTY?: boolean }): OutputMode {
  if (flags.json === true) return 'json';
  if (flags.quiet === true) return 'quiet';
  return stdout.isTTY === true ? 'tty' : 'plain';
}

/** The line printed for a failed item. */
export function failureLine(item: FinishedItem): string {
  const attempts = `${item.attempts} attempt${item.attempts === 1 ? '' : 's'}`;
  return `drover: failed: ${item.error?.message ?? redactUrl(item.url)} [${item.error?.code ?? 'unknown'}, ${attempts}]`;
}

/** Options of {@link Reporter}. */
export interface ReporterOptions {
  /** The strategy's `maxAttempts`, for `retry 2/5` lines. @default unknown (`retry 2`) */
  readonly maxAttempts?: number;
}

/**
 * Shows a `get` run as it goes and closes it with the summary line. Each retry is a line on stderr
 * (above the bars on a terminal) saying which attempt comes, when, and the error of the one that
 * failed; a file's bar says it too.
 */
export class Reporter {
  private readonly tty: TtyProgress | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    readonly mode: OutputMode,
    source: ProgressSource,
    private readonly stats: RunStats,
    private readonly streams: Streams,
    options: ReporterOptions = {},
  ) {
    if (mode === 'tty' || mode === 'plain') stats.follow(source);
    const { maxAttempts } = options;
    this.tty = mode === 'tty' ? new TtyProgress(source, stats, streams.stdout, maxAttempts) : undefined;
    if (mode === 'tty' || mode === 'plain') {
      source.on('retry', (event) => {
        if (this.stopped) return;
        const line = retryLine(event, maxAttempts);
        if (this.tty === undefined) streams.stderr.write(`${line}\n`);
        else this.tty.log(line);
      });
    }
    if (mode === 'plain') {
      this.timer = setInterval(() => streams.stdout.write(`drover: ${stats.statusLine()}\n`), 1000);
      this.timer.unref();
    }
  }

  /** An item finished: print its JSON line (the record as given, a password masked) or its failure. */
  finished(record: FinishedItem): void {
    if (this.mode === 'json') {
      // Records from a queue were made by a worker: mask here too, whatever made them.
      this.streams.stdout.write(`${JSON.stringify({ ...record, url: redactUrl(record.url) })}\n`);
    }
    if (record.status !== 'failed' || record.error?.code === 'ERR_DROVER_ABORTED') return;
    if (this.tty === undefined) this.streams.stderr.write(`${failureLine(record)}\n`);
    else this.tty.log(failureLine(record));
  }

  /** Stop the display and print the summary (stdout; stderr with `--json`; none with `--quiet`). */
  stop(notes: readonly string[] = []): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.tty?.stop();
    if (this.mode === 'quiet') return;
    const out = this.mode === 'json' ? this.streams.stderr : this.streams.stdout;
    out.write(`drover: ${[this.stats.summary(), ...notes].join(', ')}\n`);
  }

  /** Give the terminal back without a summary (for an immediate exit). */
  abandon(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.tty?.stop();
  }
}
