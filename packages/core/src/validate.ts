/**
 * Checks for constructor options, exported for strategy and package authors: each throws a
 * `TypeError` that names the option and the bad value, the way drover's own constructors do.
 */

function describe(value: unknown): string {
  return `\`${String(value)}\` (${typeof value})`;
}

/** Throw a TypeError unless `value` is an integer >= `min` (Infinity allowed when `allowInfinity`). */
export function expectInteger(name: string, value: unknown, min: number, allowInfinity = false): number {
  const ok =
    typeof value === 'number' &&
    value >= min &&
    (Number.isInteger(value) || (allowInfinity && value === Infinity));
  if (!ok) throw new TypeError(`Expected \`${name}\` to be an integer >= ${min}, got ${describe(value)}`);
  return value;
}

/** Throw a TypeError unless `value` is a finite number >= `min`. */
export function expectNumber(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new TypeError(`Expected \`${name}\` to be a finite number >= ${min}, got ${describe(value)}`);
  }
  return value;
}

/** Throw a TypeError unless `value` is a boolean. */
export function expectBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new TypeError(`Expected \`${name}\` to be a boolean, got ${describe(value)}`);
  return value;
}
