import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type CommonOptions, expectSameLength } from './options.js';
import { remoteSizes } from './remote-size.js';

/** The size reported for a file whose remote size is unknown (no `Content-Length`, or the request failed). */
export const UNKNOWN_SIZE = -1;

/**
 * Compare each existing local file with its remote resource. Returns a map of local path (as given)
 * to the remote size for every file whose size differs, and to `UNKNOWN_SIZE` (-1) when the server
 * would not say: an unknown size is never taken as valid. Files that do not exist are not reported.
 *
 * @throws TypeError when `urls` and `paths` differ in length.
 */
export async function checkDownloads(
  urls: readonly (string | URL)[],
  paths: readonly string[],
  options: CommonOptions & { readonly headers?: Readonly<Record<string, string>> } = {},
): Promise<Map<string, number>> {
  expectSameLength('paths', urls, paths);
  const sizes = await Promise.all(
    paths.map(async (file) => {
      const info = await stat(path.resolve(file)).catch(() => undefined);
      return info?.isFile() === true ? info.size : undefined;
    }),
  );
  const present = paths.map((_, i) => i).filter((i) => sizes[i] !== undefined);
  const remote = await remoteSizes(
    present.map((i) => String(urls[i])),
    options,
  );
  const mismatched = new Map<string, number>();
  present.forEach((i, k) => {
    const expected = remote[k];
    if (expected === undefined) mismatched.set(paths[i] as string, UNKNOWN_SIZE);
    else if (expected !== sizes[i]) mismatched.set(paths[i] as string, expected);
  });
  return mismatched;
}
