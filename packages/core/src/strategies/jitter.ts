import type { Bundle } from '../bundle.js';
import { BackOff } from './back-off.js';

/**
 * {@link BackOff} with full jitter: each wait is drawn uniformly from 0 to the back-off step, so many
 * clients that failed together do not come back together. Never above `maxSleep`.
 */
export class Jitter extends BackOff {
  protected override plannedSleep(bundle: Bundle): number {
    return Math.random() * super.plannedSleep(bundle);
  }
}
