import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';

/** Thrown by handlers for malformed parameters; answered with 400. */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
}

/** A non-negative integer query parameter, `fallback` when absent; throws {@link BadRequestError} when invalid. */
export function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new BadRequestError(`invalid ${name}: ${raw}`);
  return value;
}

/** An HTTP status code query parameter (100..599). */
export function statusParam(url: URL, name: string, fallback: number): number {
  const value = intParam(url, name, fallback);
  if (value < 100 || value > 599) throw new BadRequestError(`invalid ${name}: ${value}`);
  return value;
}

/** Parses a path segment as a non-negative integer; throws {@link BadRequestError} when invalid. */
export function intSegment(segment: string, what: string): number {
  const value = /^\d{1,15}$/.test(segment) ? Number(segment) : Number.NaN;
  if (Number.isNaN(value)) throw new BadRequestError(`invalid ${what}: ${segment}`);
  return value;
}

/** Waits `ms` milliseconds; rejects with an `AbortError` as soon as `signal` aborts. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms > 0) await delay(ms, undefined, { signal });
  else signal.throwIfAborted();
}

function hasBody(res: ServerResponse, status: number): boolean {
  return res.req.method !== 'HEAD' && status !== 204 && status !== 304;
}

/** Sends a complete response; the body is left out for HEAD, 204 and 304. */
export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string | number> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const bodyless = status === 204 || status === 304;
  res.writeHead(
    status,
    bodyless ? headers : { ...headers, 'Content-Type': contentType, 'Content-Length': bytes.length },
  );
  if (hasBody(res, status)) res.end(bytes);
  else res.end();
}

/** Sends a `text/plain` response. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string | number> = {},
): void {
  send(res, status, text, 'text/plain; charset=utf-8', headers);
}

/** Sends an `application/json` response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string | number> = {},
): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', headers);
}

/** Answers 405 unless the method is GET or HEAD; returns whether the handler may go on. */
export function allowGetHead(res: ServerResponse): boolean {
  const method = res.req.method;
  if (method === 'GET' || method === 'HEAD') return true;
  sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
  return false;
}
