import type { Bundle } from '../bundle.js';
import { BackOff } from './back-off.js';

/**
 * {@link BackOff} with full jitter: each wait is drawn uniformly from 0 up to the back-off step
 * (`sleep × factor^(attempts − 1)`, capped at `maxSleep`), so many clients that failed together do
 * not come back together. Never above `maxSleep`. Same options and defaults as `BackOff`: 10
 * attempts, transient failures only. aiohttp-retry's `JitterRetry` adds a little randomness to the
 * exponential step; this is the "full jitter" of AWS' back-off study instead.
 *
 * @example new Jitter({ sleep: 100, maxSleep: 5_000 }) // waits in [0, 100), [0, 200), [0, 400) ...
 */
export class Jitter extends BackOff {
  protected override plannedSleep(bundle: Bundle): number {
    return Math.random() * super.plannedSleep(bundle);
  }
}
