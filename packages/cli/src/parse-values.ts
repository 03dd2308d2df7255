import { UsageError } from './usage-error.js';

/**
 * Parse a whole decimal number of at least `min`, or throw a {@link UsageError} naming `flag`.
 * @example parseInteger('--concurrency', '8', 1) // 8
 */
export function parseInteger(flag: string, raw: string, min: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`${flag} expects an integer >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Milliseconds per duration unit. */
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** A decimal number and an optional unit: `30`, `1.5`, `.5`, `30s`, `500ms`, `2m`, `1h`. */
const DURATION = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/;

/** A limit in milliseconds as a duration flag takes it: `500ms`, `30s`. */
function shownMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * Parse a duration flag: a decimal number with a unit, `ms`, `s`, `m` or `h` (`500ms`, `30s`,
 * `1.5s`, `2m`, `1h`), where a bare number is **seconds**, as for wget2, aria2c and curl. `0` (in
 * any unit) is 0, which a timeout reads as off.
 * @param minMs the smallest value accepted, in milliseconds; 0 lets `0` through.
 * @returns whole milliseconds (rounded to the nearest one).
 * @throws UsageError naming `flag` and `raw`: not a duration, below `minMs`, or above 0 but under 1 ms.
 * @example parseDuration('--timeout', '30', 0) // 30_000
 * @example parseDuration('--idle-timeout', '500ms', 0) // 500
 */
export function parseDuration(flag: string, raw: string, minMs: number): number {
  const match = DURATION.exec(raw);
  if (match === null) {
    throw new UsageError(
      `${flag} expects a duration such as 30s, 500ms, 2m or 1h (a bare number is seconds), got ${JSON.stringify(raw)}`,
    );
  }
  const value = Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000);
  const ms = Math.round(value);
  if (value > 0 && ms === 0) {
    throw new UsageError(`${flag} expects at least 1ms (or 0), got ${JSON.stringify(raw)}`);
  }
  if (!Number.isSafeInteger(ms) || ms < minMs) {
    const least = minMs === 0 ? '' : ` of at least ${shownMs(minMs)}`;
    throw new UsageError(`${flag} expects a duration${least}, got ${JSON.stringify(raw)}`);
  }
  return ms;
}

/** `raw` when it is one of `choices`, else a {@link UsageError} naming `flag` and the choices. */
export function parseChoice<T extends string>(flag: string, raw: string, choices: readonly T[]): T {
  const found = choices.find((choice) => choice === raw);
  if (found === undefined) {
    throw new UsageError(`${flag} expects one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return found;
}

/** An HTTP field name: an RFC 9110 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** An HTTP field value Node will send: tab, visible ASCII, space and Latin-1 (no CR, LF, NUL or controls). */
const FIELD_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

/**
 * Parse a `-H 'Name: value'` flag into a lower-case name and a trimmed value. Names must be HTTP
 * tokens and values must not hold CR, LF or other control characters (no header injection).
 * @throws UsageError naming `--header` and the bad value.
 */
export function parseHeader(raw: string): [name: string, value: string] {
  const colon = raw.indexOf(':');
  const name = colon < 0 ? raw : raw.slice(0, colon);
  const value = colon < 0 ? '' : raw.slice(colon + 1).trim();
  if (colon < 0 || !TOKEN.test(name)) {
    throw new UsageError(
      `--header expects "Name: value" with a valid header name, got ${JSON.stringify(raw)}`,
    );
  }
  if (!FIELD_VALUE.test(value)) {
    throw new UsageError(
      `--header value must not contain CR, LF or control characters, got ${JSON.stringify(raw)}`,
    );
  }
  return [name.toLowerCase(), value];
}

/**
 * Every `-H` flag as one header record, over `defaults` (a flag replaces a default of the same name);
 * repeated flags of one name are joined with `, ` as HTTP allows.
 */
export function parseHeaders(
  raws: readonly string[],
  defaults: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const given: Record<string, string> = {};
  for (const raw of raws) {
    const [name, value] = parseHeader(raw);
    const previous = given[name];
    given[name] = previous === undefined ? value : `${previous}, ${value}`;
  }
  return { ...defaults, ...given };
}
