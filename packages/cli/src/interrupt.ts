import { setMaxListeners } from 'node:events';

/** What the first and second Ctrl-C do. */
export interface Interrupt {
  /** Aborts on the first SIGINT or SIGTERM: take no new URLs, stop those in flight (core's `signal`). */
  readonly signal: AbortSignal;
  /** Run `hook` (synchronously) before the immediate exit a second signal causes. */
  onHardExit(hook: () => void): void;
  /** Stop listening for signals. */
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Listen for SIGINT and SIGTERM. The first aborts {@link Interrupt.signal} and prints a notice; the
 * second runs the hard-exit hooks and exits with 130 at once.
 */
export function watchInterrupts(stderr: { write(text: string): unknown }): Interrupt {
  const controller = new AbortController();
  // Core adds a listener per running attempt and per wait: many more than Node's warning threshold.
  setMaxListeners(0, controller.signal);
  const hooks: Array<() => void> = [];
  const onSignal = (): void => {
    if (!controller.signal.aborted) {
      stderr.write(
        '\ndrover: stopping: no new downloads, aborting those in flight (Ctrl-C again to quit at once)\n',
      );
      controller.abort();
      return;
    }
    for (const hook of hooks) {
      try {
        hook();
      } catch {
        // Leaving anyway.
      }
    }
    stderr.write('drover: quit at once\n');
    process.exit(130);
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  return {
    signal: controller.signal,
    onHardExit: (hook) => hooks.push(hook),
    dispose: () => {
      for (const name of SIGNALS) process.off(name, onSignal);
    },
  };
}
