import type { ErrorContext } from './classify-error.js';
import { ClosedError } from './errors/closed-error.js';
import type { DroverError } from './errors/drover-error.js';

/** Options of `AioDownload.close`. */
export interface CloseOptions {
  /**
   * Let queued and running bundles finish (retries and their waits included) before closing, instead
   * of aborting them. New work is refused either way. A later `close()` without `drain` aborts what
   * is still running.
   * @default false
   */
  readonly drain?: boolean;
}

/** One bundle's stay in the coordinator: the signal `close()` aborts, and the way out. */
export interface Run {
  /** Aborted by `close()` (without `drain`), and by the caller's own signal when given. */
  readonly signal: AbortSignal;
  /** The bundle is done: it no longer counts for `onIdle()`. */
  leave(): void;
}

/** The abort reason `close()` gives running bundles; turned into a `ClosedError` when they fail. */
class CoordinatorClosed extends Error {
  constructor() {
    super('the coordinator was closed');
    this.name = 'CoordinatorClosed';
  }
}

/**
 * A coordinator's lifecycle: open, then closing (new work is refused with `ClosedError`; running work
 * is aborted, or drained), then idle. Counts the bundles inside for `onIdle()`; each has its own abort
 * controller, dropped when it leaves, so nothing long-lived collects one listener per bundle.
 */
export class Lifecycle {
  private closing = false;
  private aborting = false;
  private readonly reason = new CoordinatorClosed();
  private readonly runs = new Set<AbortController>();
  private idle: Array<() => void> = [];

  /** Whether `close()` was called: new work is refused. */
  get closed(): boolean {
    return this.closing;
  }

  /** Let one bundle in (with the caller's `signal`, if any); `undefined` once closed. */
  enter(signal: AbortSignal | undefined): Run | undefined {
    if (this.closing) return undefined;
    const controller = new AbortController();
    // The caller's abort is forwarded by hand and unhooked on leave, so a long-lived caller signal
    // keeps nothing of finished bundles.
    const forward = () => controller.abort(signal?.reason);
    if (signal?.aborted === true) forward();
    else signal?.addEventListener('abort', forward, { once: true });
    this.runs.add(controller);
    return {
      signal: controller.signal,
      leave: () => {
        signal?.removeEventListener('abort', forward);
        if (!this.runs.delete(controller) || this.runs.size > 0) return;
        const waiting = this.idle;
        this.idle = [];
        for (const resolve of waiting) resolve();
      },
    };
  }

  /** Refuse new work; abort what runs unless `drain`. Safe to call again (without `drain`, it aborts). */
  close(options: CloseOptions = {}): void {
    this.closing = true;
    if (options.drain === true || this.aborting) return;
    this.aborting = true;
    for (const controller of this.runs) controller.abort(this.reason);
  }

  /** Resolves once no bundle is queued or running (at once when none is). */
  onIdle(): Promise<void> {
    if (this.runs.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** The error a failed bundle reports: a `ClosedError` when `close()` is what aborted it. */
  explain(error: DroverError, context: ErrorContext): DroverError {
    if (error.code !== 'ERR_DROVER_ABORTED' || error.cause !== this.reason) return error;
    return new ClosedError({ ...context, cause: error, requestSent: error.requestSent });
  }
}
