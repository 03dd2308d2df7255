import path from 'node:path';
import { type RetryEvent, redactUrl } from '@drover/core';
import { formatDuration } from '../format.js';

/** What failed, without the `METHOD URL: ` every drover error message starts with, on one line. */
export function retryReason(event: RetryEvent): string {
  const { error } = event;
  const prefix = `${error.method} ${error.url}: `;
  const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return reason.replace(/\s+/g, ' ').trim();
}

/** `retry 2/5 in 1.0 s`: the attempt to come, of how many, and when (`/5` left out when unknown). */
export function retryWhen(event: RetryEvent, maxAttempts: number | undefined): string {
  const of = maxAttempts === undefined || !Number.isFinite(maxAttempts) ? '' : `/${maxAttempts}`;
  return `retry ${event.attempt + 1}${of} in ${formatDuration(event.delay)}`;
}

/**
 * The line printed when a file will be tried again, with the error of the attempt that just failed:
 * `retry 2/5 in 1.0 s a.bin: GET http://host/a.bin: server answered 503`.
 */
export function retryLine(event: RetryEvent, maxAttempts: number | undefined): string {
  const { bundle, error } = event;
  const label = path.basename(bundle.filePath ?? '') || redactUrl(bundle.url);
  return `drover: ${retryWhen(event, maxAttempts)} ${label}: ${error.message.replace(/\s+/g, ' ').trim()}`;
}
