/**
 * The URLs of one workload: `template` with `{i}` replaced by the item index, left-padded with zeros
 * to `pad` digits. A template without `{i}` is the same URL for every index.
 */
export interface UrlSet {
  readonly template: string;
  readonly pad: number;
}

/** The URL of item `index` of `set`. */
export function urlOf(set: UrlSet, index: number): string {
  return set.template.replace('{i}', String(index).padStart(set.pad, '0'));
}
