import { stat } from 'node:fs/promises';
import path from 'node:path';
import { swarm } from '../api.js';
import { Bundle } from '../bundle.js';
import { DownloadStrategy } from '../strategies/download-strategy.js';
import { retrieverDefaults } from './defaults.js';
import { type CommonOptions, coordinatorFor, expectSameLength } from './options.js';
import { remoteSizes } from './remote-size.js';

/** Options of `download`. */
export interface DownloadOptions extends CommonOptions {
  /** Request headers for every URL. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Write buffer size in bytes. @default `DROVER_CHUNK_SIZE` or 1 048 576 */
  readonly chunkSize?: number;
  /**
   * Skip a file that already exists with the size the server announces (one HEAD per existing file).
   * @default true
   */
  readonly skipSameSize?: boolean;
}

async function localSize(file: string): Promise<number | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() === true ? info.size : undefined;
}

/**
 * Download each URL to the path at the same index, making parent folders. A file already there with
 * the remote size is skipped (`cached`). Results are bundles in input order; a failed item never
 * stops the others. Relative paths are resolved against the current directory.
 *
 * @throws TypeError when `urls` and `paths` differ in length.
 * @example const bundles = await download(['http://127.0.0.1:8080/files/a'], ['data/a.bin']);
 */
export async function download(
  urls: readonly (string | URL)[],
  paths: readonly string[],
  options: DownloadOptions = {},
): Promise<Bundle[]> {
  expectSameLength('paths', urls, paths);
  const targets = paths.map((file) => path.resolve(file));
  const bundles = urls.map(
    (url, i) => new Bundle(url, { filePath: targets[i] as string, headers: { ...options.headers } }),
  );
  const pending = await skipSameSize(bundles, options);
  const strategy = new DownloadStrategy({ chunkSize: options.chunkSize ?? retrieverDefaults().chunkSize });
  // Files may take as long as they need: no total deadline unless asked (idle and low-speed guards).
  const coordinator = coordinatorFor(options, strategy, { timeout: 0 });
  try {
    await swarm(pending, coordinator);
  } finally {
    await coordinator.close();
  }
  return bundles;
}

/** Mark bundles whose file already has the remote size as cached; return the rest. */
async function skipSameSize(bundles: Bundle[], options: DownloadOptions): Promise<Bundle[]> {
  if (options.skipSameSize === false) return bundles;
  const local = await Promise.all(bundles.map((bundle) => localSize(bundle.filePath as string)));
  const existing = bundles.map((_, i) => i).filter((i) => local[i] !== undefined);
  if (existing.length === 0) return bundles;
  const remote = await remoteSizes(
    existing.map((i) => (bundles[i] as Bundle).url),
    options,
  );
  existing.forEach((i, k) => {
    if (remote[k] !== undefined && remote[k] === local[i]) (bundles[i] as Bundle).status = 'cached';
  });
  return bundles.filter((bundle) => bundle.status !== 'cached');
}
