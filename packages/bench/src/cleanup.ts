/**
 * Things to undo at the end, on error or on a signal: run once, last added first, each step's failure
 * reported and not stopping the others.
 */
export class Cleanup {
  private readonly steps: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;

  /** Register a step. */
  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** Run every step (only the first call does; later calls wait for it). */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (let step = this.steps.pop(); step !== undefined; step = this.steps.pop()) {
        await step().catch((error: unknown) =>
          console.error(`[bench] cleanup step failed: ${String(error)}`),
        );
      }
    })();
    return this.running;
  }
}
