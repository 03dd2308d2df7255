import { DroverError, type DroverErrorCode } from '../errors/drover-error.js';
import { HttpError } from '../errors/http-error.js';

/**
 * A failure that `exceptions` can name: a drover error code, or a `DroverError` subclass (matched
 * with `instanceof`; a code also matches errors from another copy of drover). HTTP statuses are
 * named in `statuses` instead.
 *
 * @example const rule: RetryableFailure[] = ['ERR_DROVER_TIMEOUT', NetworkError];
 */
export type RetryableFailure = Exclude<DroverErrorCode, 'ERR_DROVER_HTTP_STATUS'> | DroverErrorClass;

/** A `DroverError` class or subclass, such as `TimeoutError`. */
export type DroverErrorClass = abstract new (...args: never[]) => DroverError;

// A record, so adding a code to DroverErrorCode fails the type-check here until it is listed.
const CODES: Readonly<Record<DroverErrorCode, true>> = {
  ERR_DROVER_INVALID_URL: true,
  ERR_DROVER_INVALID_REQUEST: true,
  ERR_DROVER_NETWORK: true,
  ERR_DROVER_TIMEOUT: true,
  ERR_DROVER_HTTP_STATUS: true,
  ERR_DROVER_READ: true,
  ERR_DROVER_REDIRECT: true,
  ERR_DROVER_FILE_SYSTEM: true,
  ERR_DROVER_PATH_CONFLICT: true,
  ERR_DROVER_ABORTED: true,
  ERR_DROVER_INTEGRITY: true,
  ERR_DROVER_TOO_LARGE: true,
  ERR_DROVER_RESPONSE_CHECK: true,
  ERR_DROVER_SERVICE: true,
  ERR_DROVER_UNEXPECTED: true,
  ERR_DROVER_CLOSED: true,
};

/** A value as an error message shows it: `"500"` (string), `[500]` (object), `TimeoutError` (function). */
export function describeValue(value: unknown): string {
  let shown: string;
  if (typeof value === 'function') shown = value.name === '' ? 'anonymous function' : value.name;
  else if (typeof value === 'string' || Array.isArray(value)) shown = safeJson(value);
  else if (value instanceof Set) shown = `Set ${safeJson([...value])}`;
  else shown = String(value);
  return `\`${shown}\` (${typeof value})`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The items of an array or a Set, or `undefined` for anything else (a string included). */
function itemsOf(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  return undefined;
}

/** `statuses` (or its alias `retryOn`) checked: HTTP status codes 100–599, as a set. */
export function parseStatuses(name: string, value: unknown): ReadonlySet<number> | undefined {
  if (value === undefined) return undefined;
  const expected = `Expected \`${name}\` to be an array of HTTP status codes (100–599), got`;
  const items = itemsOf(value);
  if (items === undefined) throw new TypeError(`${expected} ${describeValue(value)}`);
  for (const [index, status] of items.entries()) {
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
      throw new TypeError(`${expected} ${describeValue(status)} at index ${index}`);
    }
  }
  return new Set(items as readonly number[]);
}

/** `statuses` and its alias `retryOn` as one set; both may be given only when they agree. */
export function mergeStatuses(statuses: unknown, retryOn: unknown): ReadonlySet<number> | undefined {
  const primary = parseStatuses('statuses', statuses);
  const alias = parseStatuses('retryOn', retryOn);
  if (primary === undefined || alias === undefined) return primary ?? alias;
  const same = primary.size === alias.size && [...primary].every((status) => alias.has(status));
  if (!same) {
    throw new TypeError(
      `Expected one of \`statuses\` and \`retryOn\` (its alias), got both: ${describeValue([...primary])} and ${describeValue([...alias])}`,
    );
  }
  return primary;
}

function isDroverErrorClass(value: unknown): value is DroverErrorClass {
  return typeof value === 'function' && (value === DroverError || value.prototype instanceof DroverError);
}

function isHttpErrorClass(value: unknown): boolean {
  return isDroverErrorClass(value) && (value === HttpError || value.prototype instanceof HttpError);
}

/** `exceptions` checked: drover error codes or `DroverError` classes, never an HTTP status one. */
export function parseExceptions(value: unknown): readonly RetryableFailure[] | undefined {
  if (value === undefined) return undefined;
  const expected =
    'Expected `exceptions` to be an array of drover error codes (such as "ERR_DROVER_TIMEOUT") or DroverError classes, got';
  const items = itemsOf(value);
  if (items === undefined) throw new TypeError(`${expected} ${describeValue(value)}`);
  for (const [index, item] of items.entries()) {
    if (item === 'ERR_DROVER_HTTP_STATUS' || isHttpErrorClass(item)) {
      throw new TypeError(
        `Expected \`exceptions\` to name failures other than HTTP statuses (list those in \`statuses\`), got ${describeValue(item)} at index ${index}`,
      );
    }
    const known = typeof item === 'string' ? Object.hasOwn(CODES, item) : isDroverErrorClass(item);
    if (!known) throw new TypeError(`${expected} ${describeValue(item)} at index ${index}`);
  }
  return Object.freeze([...(items as readonly RetryableFailure[])]);
}

/** The HTTP status of a failure that is an `HttpError` (by code, so across copies of drover too). */
function statusOf(failure: DroverError): number | undefined {
  if (failure.code !== 'ERR_DROVER_HTTP_STATUS') return undefined;
  const status = (failure as Partial<HttpError>).status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * What `statuses` and `exceptions` say about a failure: `statuses` decides HTTP statuses,
 * `exceptions` every other failure. `undefined` when the relevant option is not set.
 */
export function listedVerdict(
  failure: DroverError,
  statuses: ReadonlySet<number> | undefined,
  exceptions: readonly RetryableFailure[] | undefined,
): boolean | undefined {
  const status = statusOf(failure);
  if (status !== undefined || failure.code === 'ERR_DROVER_HTTP_STATUS') {
    return statuses === undefined || status === undefined ? undefined : statuses.has(status);
  }
  if (exceptions === undefined) return undefined;
  return exceptions.some((rule) =>
    typeof rule === 'string' ? failure.code === rule : failure instanceof rule,
  );
}
