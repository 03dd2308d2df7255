/** Checks for options; each names the option and the bad value, as core's constructors do. */

export { expectInteger, expectNumber } from '@drover/core';

function describe(value: unknown): string {
  return `\`${String(value)}\` (${typeof value})`;
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
