/**
 * The functional layer's defaults, each overridable through the environment (read at every call):
 *
 * | setting | variable | default |
 * | --- | --- | --- |
 * | `concurrent` | `DROVER_MAX_CONCURRENT_CALLS` | 10 |
 * | `maxAttempts` | `DROVER_MAX_ATTEMPTS` | 3 |
 * | `timeout` (ms) | `DROVER_TIMEOUT` | 60 000 |
 * | `maxBytes` (buffered bodies) | `DROVER_MAX_BYTES` | 104 857 600 (100 MiB) |
 * | `chunkSize` (downloads) | `DROVER_CHUNK_SIZE` | 1 048 576 |
 * | `retrySleep` (first back-off step, ms) | `DROVER_RETRY_SLEEP` | 250 |
 */
export interface RetrieverDefaults {
  readonly concurrent: number;
  readonly maxAttempts: number;
  readonly timeout: number;
  readonly maxBytes: number;
  readonly chunkSize: number;
  readonly retrySleep: number;
}

const TABLE: Record<keyof RetrieverDefaults, [variable: string, fallback: number, min: number]> = {
  concurrent: ['DROVER_MAX_CONCURRENT_CALLS', 10, 1],
  maxAttempts: ['DROVER_MAX_ATTEMPTS', 3, 1],
  timeout: ['DROVER_TIMEOUT', 60_000, 1],
  maxBytes: ['DROVER_MAX_BYTES', 100 * 1024 * 1024, 0],
  chunkSize: ['DROVER_CHUNK_SIZE', 1_048_576, 1],
  retrySleep: ['DROVER_RETRY_SLEEP', 250, 0],
};

function fromEnvironment(variable: string, fallback: number, min: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(
      `Expected environment variable ${variable} to be an integer >= ${min}, got \`${raw}\``,
    );
  }
  return value;
}

/** The defaults in force now, environment applied. */
export function retrieverDefaults(): RetrieverDefaults {
  const entries = Object.entries(TABLE).map(([key, [variable, fallback, min]]) => [
    key,
    fromEnvironment(variable, fallback, min),
  ]);
  return Object.fromEntries(entries) as unknown as RetrieverDefaults;
}
