import path from 'node:path';
import { type Bundle, redactUrl } from '@drover/core';
import cliProgress from 'cli-progress';
import { formatBytes, formatEta } from '../format.js';
import type { OutStream } from '../io.js';
import { retryReason, retryWhen } from './retry-line.js';
import type { ProgressSource, RunStats } from './run-stats.js';

/** Active downloads shown with a line of their own; more are counted in the overall line only. */
const MAX_FILE_BARS = 8;
const NAME_WIDTH = 32;
/** The most of a retry's error a file's line shows (the whole error is logged above the bars). */
const REASON_WIDTH = 48;

function shortName(bundle: Bundle): string {
  const name = path.basename(bundle.filePath ?? redactUrl(bundle.url));
  return name.length > NAME_WIDTH ? `…${name.slice(-(NAME_WIDTH - 1))}` : name.padEnd(NAME_WIDTH);
}

/**
 * The terminal display: an overall bar (files done of total, failures, bytes, rate, ETA) and a line
 * per active download, drawn by cli-progress' MultiBar on `stream`.
 */
export class TtyProgress {
  private readonly multibar: cliProgress.MultiBar;
  private readonly overall: cliProgress.SingleBar;
  private readonly files = new Map<Bundle, cliProgress.SingleBar>();
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(
    download: ProgressSource,
    private readonly stats: RunStats,
    stream: OutStream,
    maxAttempts?: number,
  ) {
    this.multibar = new cliProgress.MultiBar(
      {
        stream,
        hideCursor: true,
        clearOnComplete: false,
        autopadding: true,
        emptyOnZero: true,
        barsize: 24,
        fps: 10,
      },
      cliProgress.Presets.shades_classic,
    );
    this.overall = this.multibar.create(1, 0, this.overallPayload(), {
      format: 'drover {bar} {value}/{totalText} files | {failed} failed | {bytes} | {rate}/s | ETA {etaText}',
    });
    download.on('attempt', ({ bundle }) => this.open(bundle));
    download.on('response', ({ bundle, totalBytes }) => {
      this.files.get(bundle)?.setTotal(totalBytes ?? 0);
    });
    download.on('progress', ({ bundle, transferredBytes, totalBytes }) => {
      const size = `${formatBytes(transferredBytes)}${totalBytes === undefined ? '' : ` / ${formatBytes(totalBytes)}`}`;
      this.files.get(bundle)?.update(totalBytes === undefined ? 0 : transferredBytes, { size });
    });
    download.on('retry', (event) => {
      const reason = retryReason(event);
      const cut = reason.length > REASON_WIDTH ? `${reason.slice(0, REASON_WIDTH - 1)}…` : reason;
      this.files.get(event.bundle)?.update(0, { size: `${retryWhen(event, maxAttempts)}: ${cut}` });
    });
    download.on('done', ({ bundle }) => this.close(bundle));
    this.timer = setInterval(() => this.refresh(), 250);
    this.timer.unref();
  }

  /** Print a line above the bars (a failure, a retry). */
  log(line: string): void {
    if (!this.stopped) this.multibar.log(`${line}\n`);
  }

  /** Bring the overall bar up to date. */
  refresh(): void {
    if (this.stopped) return;
    const total = this.stats.total ?? this.stats.finished + this.files.size;
    this.overall.setTotal(Math.max(1, total));
    this.overall.update(this.stats.finished, this.overallPayload());
  }

  /** Draw the final state and give the terminal back (cursor shown). Safe to call twice. */
  stop(): void {
    if (this.stopped) return;
    this.refresh();
    this.stopped = true;
    clearInterval(this.timer);
    for (const bar of this.files.values()) this.multibar.remove(bar);
    this.files.clear();
    this.multibar.stop();
  }

  private overallPayload(): Record<string, string | number> {
    const { stats } = this;
    return {
      totalText: stats.total === undefined ? '?' : stats.total,
      failed: stats.failed,
      bytes: formatBytes(stats.transferred),
      rate: formatBytes(stats.rate()),
      etaText: formatEta(stats.finished, stats.total, stats.elapsedMs),
    };
  }

  private open(bundle: Bundle): void {
    if (this.stopped || this.files.has(bundle) || this.files.size >= MAX_FILE_BARS) return;
    const bar = this.multibar.create(
      0,
      0,
      { name: shortName(bundle), size: 'waiting' },
      {
        format: '  {name} {bar} {percentage}% {size}',
      },
    );
    this.files.set(bundle, bar);
  }

  private close(bundle: Bundle): void {
    const bar = this.files.get(bundle);
    if (bar === undefined || this.stopped) return;
    this.files.delete(bundle);
    this.multibar.remove(bar);
  }
}
