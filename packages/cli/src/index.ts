export { type Checksum, parseChecksum } from './checksum.js';
export { run } from './cli.js';
export { exitCodeOf, type FailureLike } from './exit-cause.js';
export { EXIT, type ExitCode, ExitTally, worseExit } from './exit-codes.js';
export { type BundleRecipe, entryBundle } from './input/entry-bundle.js';
export { argumentEntries, type InputEntry, parseEntries } from './input/parse-entries.js';
export { type Io, processIo } from './io.js';
export { ManifestWriter } from './manifest/manifest-writer.js';
export { readManifest } from './manifest/read-manifest.js';
// Not exported: loadRedis (load-redis.ts), whose type names @drover/redis, an optional peer.
export { importOptional, MissingPackageError } from './optional-package.js';
export { parseDuration, parseHeader, parseHeaders, parseInteger } from './parse-values.js';
export { type BundleRecord, toRecord } from './record.js';
export { DEFAULT_MAX_SIZE } from './run/run-fetch.js';
export { CheckStrategy } from './strategies/check-strategies.js';
export {
  type EntryInfo,
  FileStrategy,
  type FileStrategyOptions,
  type Naming,
} from './strategies/file-strategy.js';
export { headFallback } from './strategies/head-fallback.js';
export { DEFAULT_CONCURRENCY, type RequestFlags, requestStrategyFrom } from './strategies/request-flags.js';
export { uniqueName } from './unique-name.js';
export { failIfUnsettled, type UnsettledExit } from './unsettled.js';
export { UsageError } from './usage-error.js';
export { USER_AGENT, version } from './version.js';
