import { stat } from 'node:fs/promises';
import type { Bundle } from '@drover/core';

/** How a queued download ended. */
export type ResultStatus = 'written' | 'cached' | 'failed';

/**
 * What a worker stores for each job: JSON, readable from any process. The fields of the CLI's
 * `--json` records, plus the job key, the file size and the worker.
 */
export interface DownloadResult {
  /** The job key (the URL unless the producer gave one). */
  readonly key: string;
  readonly url: string;
  /** The absolute file path on the worker's machine, or `null` when none was mapped. */
  readonly path: string | null;
  readonly status: ResultStatus;
  /** The last HTTP status received, or `null`. */
  readonly httpStatus: number | null;
  /** HTTP requests made for it by the worker that finished it. */
  readonly attempts: number;
  /** Bytes written (0 unless `written`). */
  readonly bytes: number;
  /** The size of the file at `path` once finished (`written` or `cached`), else `null`. */
  readonly size: number | null;
  /** From the first request's start to the end, in ms (0 when no request was made). */
  readonly durationMs: number;
  /**
   * Why it failed: the drover error code and message, or `ERR_DROVER_WORKER` when no worker could
   * finish the job (it stalled too often, or the processor crashed); `null` otherwise.
   */
  readonly error: { readonly code: string; readonly message: string } | null;
  /** Which worker finished it: `host:pid`. */
  readonly worker: string;
  /** When it finished, ISO 8601. */
  readonly finishedAt: string;
}

/** The result of a finished bundle. */
export async function toResult(key: string, bundle: Bundle, worker: string): Promise<DownloadResult> {
  const now = Date.now();
  const first = bundle.history[0];
  const status: ResultStatus =
    bundle.status === 'written' || bundle.status === 'cached' ? bundle.status : 'failed';
  const size =
    status === 'failed' || bundle.filePath === undefined
      ? null
      : ((await stat(bundle.filePath).catch(() => undefined))?.size ?? null);
  return {
    key,
    url: bundle.url,
    path: bundle.filePath ?? null,
    status,
    httpStatus: bundle.httpStatus ?? null,
    attempts: bundle.attempts,
    bytes: bundle.bytes,
    size,
    durationMs: first === undefined ? 0 : Math.max(0, now - first.startedAt),
    error: bundle.error === undefined ? null : { code: bundle.error.code, message: bundle.error.message },
    worker,
    finishedAt: new Date(now).toISOString(),
  };
}

/** The result of a job no worker could finish, from BullMQ's failure reason. */
export function workerFailure(
  key: string,
  url: string,
  reason: string,
  finishedOn: number | undefined,
): DownloadResult {
  return {
    key,
    url,
    path: null,
    status: 'failed',
    httpStatus: null,
    attempts: 0,
    bytes: 0,
    size: null,
    durationMs: 0,
    error: { code: 'ERR_DROVER_WORKER', message: reason },
    worker: '',
    finishedAt: new Date(finishedOn ?? Date.now()).toISOString(),
  };
}

/** A result for an item that could not become a bundle (a bad `out` path or checksum). */
export function refused(key: string, url: string, message: string, worker: string): DownloadResult {
  return {
    ...workerFailure(key, url, message, undefined),
    error: { code: 'ERR_DROVER_INVALID_REQUEST', message },
    worker,
  };
}
