import type { EventEmitter } from 'node:events';
import type { AioDownloadEvents, Bundle, ProgressEvent } from '@drover/core';
import { formatBytes, formatDuration, formatEta } from '../format.js';
import type { BundleRecord } from '../record.js';

/** Where progress comes from: a coordinator, or anything emitting its events (a queue follower). */
export type ProgressSource = EventEmitter<AioDownloadEvents>;

/** What the counters need of a finished item. */
export type FinishedItem = Pick<BundleRecord, 'url' | 'status' | 'attempts' | 'bytes' | 'error'>;

/** Counters of one run, fed by the finished bundles and the coordinator's progress events. */
export class RunStats {
  written = 0;
  cached = 0;
  failed = 0;
  /** Entries skipped because the manifest says they are done. */
  skipped = 0;
  /** Bundles stopped in flight by Ctrl-C (counted apart from real failures). */
  aborted = 0;
  /** Bytes written by finished bundles. */
  bytes = 0;
  /** Body bytes received so far, finished or not (for the rate). */
  transferred = 0;
  /** How many entries the input holds, when known ahead. */
  total: number | undefined;
  private readonly startedAt = performance.now();
  private readonly seen = new Map<Bundle, { attempt: number; bytes: number }>();

  /** Entries done so far, skipped ones included. */
  get finished(): number {
    return this.written + this.cached + this.failed + this.skipped + this.aborted;
  }

  /** Milliseconds since the run started. */
  get elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Count a finished item (a bundle's record, or a result from a queue). */
  count(item: FinishedItem): void {
    if (item.status === 'written') this.written++;
    else if (item.status === 'cached') this.cached++;
    else if (item.error?.code === 'ERR_DROVER_ABORTED') this.aborted++;
    else this.failed++;
    this.bytes += item.bytes;
  }

  /** Follow `source`'s progress events to keep {@link transferred} current. */
  follow(source: ProgressSource): void {
    source.on('done', ({ bundle }) => this.seen.delete(bundle));
    source.on('progress', (event: ProgressEvent) => {
      const last = this.seen.get(event.bundle);
      const before = last !== undefined && last.attempt === event.attempt ? last.bytes : 0;
      this.transferred += Math.max(0, event.transferredBytes - before);
      this.seen.set(event.bundle, { attempt: event.attempt, bytes: event.transferredBytes });
    });
  }

  /** Bytes per second received so far. */
  rate(): number {
    const seconds = this.elapsedMs / 1000;
    return seconds > 0 ? this.transferred / seconds : 0;
  }

  /** One status line: `12/100 files, 1 failed, 3.4 MiB, 1.2 MiB/s, ETA 5.0 s`. */
  statusLine(): string {
    const total = this.total === undefined ? '?' : String(this.total);
    return (
      `${this.finished}/${total} files, ${this.failed} failed, ${formatBytes(this.transferred)}, ` +
      `${formatBytes(this.rate())}/s, ETA ${formatEta(this.finished, this.total, this.elapsedMs)}`
    );
  }

  /** The closing line: `3 written, 0 cached, 1 failed, 0 skipped, 1.2 MiB in 0.8 s`. */
  summary(): string {
    return (
      `${this.written} written, ${this.cached} cached, ${this.failed} failed, ${this.skipped} skipped, ` +
      `${formatBytes(this.bytes)} in ${formatDuration(this.elapsedMs)}`
    );
  }
}
