import { importOptional } from './optional-package.js';

/** `@drover/redis`, for `worker`, `status` and `get --redis`; plain runs never load it (nor BullMQ). */
export type RedisModule = typeof import('@drover/redis');

/**
 * Load `@drover/redis` for `feature` (`drover worker` ...).
 * @throws MissingPackageError with the install hint when it is not installed.
 */
export function loadRedis(feature: string): Promise<RedisModule> {
  return importOptional('@drover/redis', feature, () => import('@drover/redis'));
}
