import type { Bundle } from './bundle.js';

/**
 * One signal for one bundle. Always a derived signal, so the listeners each bundle adds land on its
 * own signal rather than piling up on the caller's (AbortSignal.any links them without listeners).
 */
export function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  const signals = [a, b].filter((signal): signal is AbortSignal => signal !== undefined);
  return signals.length === 0 ? undefined : AbortSignal.any(signals);
}

/** Whether a duplicate may share the owner's result: it asks for no other verification. */
export function sameChecksum(owner: Bundle, bundle: Bundle): boolean {
  const a = owner.checksum;
  const b = bundle.checksum;
  if (b === undefined) return true;
  return a !== undefined && a.algorithm === b.algorithm && a.digest === b.digest;
}

/** Wait for `settled`; `false` when `signal` aborts first. */
export function settledUnlessAborted(
  settled: Promise<void>,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  if (signal === undefined) return settled.then(() => true);
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    settled.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    });
  });
}
