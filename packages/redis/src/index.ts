export { createRedis, type RedisTarget } from './connection.js';
export type { DownloadResult, ResultStatus } from './download-result.js';
export {
  DroverQueue,
  type EnqueuedJob,
  type EnqueueOptions,
  type EnqueueSummary,
  type FollowOptions,
  type QueueCounts,
} from './drover-queue.js';
export { type EnqueueItem, type JobItem, type JsonValue, jobIdOf } from './job-item.js';
export type { NormalizedQueueTarget, QueueTarget } from './queue-target.js';
export { RedisCooldowns } from './redis-cooldowns.js';
export { RedisLimiter, type RedisLimiterOptions } from './redis-limiter.js';
export {
  createRedisLimits,
  defaultExpiration,
  type RedisLimits,
  type RedisLimitsOptions,
  type SharedLimits,
} from './shared-limits.js';
export {
  type DroverWorker,
  type StartWorkerOptions,
  startWorker,
  type WorkerCloseOptions,
} from './worker.js';
// Not exported: LeaseWatch, the result builders and the option checks are internals.
