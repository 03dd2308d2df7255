/** Checks for options; each names the option and the bad value, as core's constructors do. */

function describe(value: unknown): string {
  return `\`${String(value)}\` (${typeof value})`;
}

/** Throw a TypeError unless `value` is an integer >= `min` (Infinity allowed when `allowInfinity`). */
export function expectInteger(name: string, value: unknown, min: number, allowInfinity = false): number {
  const ok =
    typeof value === 'number' &&
    value >= min &&
    (Number.isInteger(value) || (allowInfinity && value === Number.POSITIVE_INFINITY));
  if (!ok) throw new TypeError(`Expected \`${name}\` to be an integer >= ${min}, got ${describe(value)}`);
  return value;
}

/** Throw a TypeError unless `value` is a non-empty string without whitespace. */
export function expectName(name: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\S+$/.test(value)) {
    throw new TypeError(
      `Expected \`${name}\` to be a non-empty string without spaces, got ${describe(value)}`,
    );
  }
  return value;
}

/** Throw a TypeError unless `value` is a finite number >= `min`. */
export function expectNumber(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`Expected \`${name}\` to be a finite number >= ${min}, got ${describe(value)}`);
  }
  return value;
}
