/**
 * Request headers as plain strings, whatever the strategy's config held (an `AxiosHeaders`, numbers,
 * arrays): `undefined`, `null` and `false` mean "do not send", arrays are joined with `, `.
 */
export function flattenHeaders(headers: unknown): Record<string, string> {
  const flat: Record<string, string> = {};
  if (headers === undefined || headers === null || typeof headers !== 'object') return flat;
  const source =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? ((headers as { toJSON(): unknown }).toJSON() as Record<string, unknown>)
      : (headers as Record<string, unknown>);
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null || value === false) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}
