import { type Bundle, type BundleStatus, redactUrl } from '@drover/core';

/** One finished bundle as a JSON line: what `--json` prints and `--manifest` appends. */
export interface BundleRecord {
  /** The URL as given, its password masked (`redactUrl`): a manifest never stores credentials. */
  readonly url: string;
  /** The absolute file path, or `null` when none was mapped (an invalid URL). */
  readonly path: string | null;
  readonly status: BundleStatus;
  /** The last HTTP status received, or `null`. */
  readonly httpStatus: number | null;
  /** HTTP requests made. */
  readonly attempts: number;
  /** Bytes written (0 unless `written`). */
  readonly bytes: number;
  /** From the first request's start to the end, in milliseconds (0 when no request was made). */
  readonly durationMs: number;
  /** Why it failed: the drover error code and message, or `null`. */
  readonly error: { readonly code: string; readonly message: string } | null;
  /** When it finished, ISO 8601. */
  readonly finishedAt: string;
}

/** The record of a finished bundle. */
export function toRecord(bundle: Bundle, now: number = Date.now()): BundleRecord {
  const first = bundle.history[0];
  return {
    url: redactUrl(bundle.url),
    path: bundle.filePath ?? null,
    status: bundle.status,
    httpStatus: bundle.httpStatus ?? null,
    attempts: bundle.attempts,
    bytes: bundle.bytes,
    durationMs: first === undefined ? 0 : Math.max(0, now - first.startedAt),
    error: bundle.error === undefined ? null : { code: bundle.error.code, message: bundle.error.message },
    finishedAt: new Date(now).toISOString(),
  };
}
