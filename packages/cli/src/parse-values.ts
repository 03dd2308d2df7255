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
