import type { Bundle } from '@drover/core';

/** Whether a bundle ended without a request because the run was interrupted first. */
export function neverStarted(bundle: Bundle): boolean {
  return bundle.error?.code === 'ERR_DROVER_ABORTED' && bundle.attempts === 0;
}

/** Whether a bundle was stopped by the interruption (in flight or waiting to retry). */
export function aborted(bundle: Bundle): boolean {
  return bundle.error?.code === 'ERR_DROVER_ABORTED';
}
