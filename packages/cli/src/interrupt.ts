import { setMaxListeners } from 'node:events';
import { EXIT } from './exit-codes.js';

/** What the first and second Ctrl-C do. */
export interface Interrupt {
  /** Aborts on the first SIGINT or SIGTERM: take no new URLs, stop those in flight (core's `signal`). */
  readonly signal: AbortSignal;
  /** Run `hook` (synchronously) before the immediate exit a second signal causes. */
  onHardExit(hook: () => void): void;
  /** Stop listening for signals. */
  dispose(): void;
}

/** Options of {@link watchInterrupts}. */
export interface InterruptOptions {
  /**
   * How long the run may take to stop after the first signal before it quits as a second signal
   * would: a step that cannot be interrupted (a stuck disk, a hung network file system) must not
   * keep a process that was told to stop alive forever. The timer does not keep the process alive.
   * @default 30_000
   */
  readonly graceMs?: number;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Listen for SIGINT and SIGTERM (the same for both). The first aborts {@link Interrupt.signal} and
 * prints a notice; the second, or the first left unfinished after `graceMs`, runs the hard-exit hooks
 * and exits with 130 at once.
 */
export function watchInterrupts(
  stderr: { write(text: string): unknown },
  options: InterruptOptions = {},
): Interrupt {
  const graceMs = options.graceMs ?? 30_000;
  const controller = new AbortController();
  // Core adds a listener per running attempt and per wait: many more than Node's warning threshold.
  setMaxListeners(0, controller.signal);
  const hooks: Array<() => void> = [];
  const quit = (why: string): void => {
    for (const hook of hooks) {
      try {
        hook();
      } catch {
        // Leaving anyway.
      }
    }
    stderr.write(`drover: ${why}\n`);
    process.exit(EXIT.interrupted);
  };
  let grace: NodeJS.Timeout | undefined;
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      quit('quit at once');
      return;
    }
    stderr.write(
      '\ndrover: stopping: no new downloads, aborting those in flight (Ctrl-C again to quit at once)\n',
    );
    controller.abort();
    grace = setTimeout(() => quit(`still stopping after ${graceMs / 1000} s: quit at once`), graceMs);
    grace.unref();
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    onHardExit: (hook) => hooks.push(hook),
    dispose: () => {
      clearTimeout(grace);
      for (const name of SIGNALS) process.off(name, onSignal);
    },
  };
}
