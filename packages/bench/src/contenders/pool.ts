/** How a batch of items went. */
export interface PoolResult {
  readonly ok: number;
  readonly failed: number;
  readonly firstError: string | undefined;
}

/**
 * The minimal promise pool of the raw contenders: `concurrency` workers take the next index until
 * `count` items are done. A failing item is counted, never retried, and never stops the others.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<PoolResult> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      try {
        await task(index);
        ok++;
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { ok, failed, firstError };
}
