import { swarm } from '../api.js';
import { Bundle } from '../bundle.js';
import { isHttpError } from '../errors/guards.js';
import type { DroverResponse } from '../http/response.js';
import { DownloadStrategy } from '../strategies/download-strategy.js';
import { type CommonOptions, coordinatorFor } from './options.js';

/** Statuses that mean "this server does not do HEAD": ask again with GET. */
const HEAD_REFUSED = new Set([405, 501]);

/** Records `Content-Length` and never reads a body. */
class SizeProbe extends DownloadStrategy {
  readonly sizes = new Map<Bundle, number>();

  override getFilePath(): undefined {
    return undefined;
  }

  override async requestHeaders(): Promise<Record<string, string>> {
    // Sizes compare like with like: the identity length, as a file on disk holds decoded bytes.
    return { 'accept-encoding': 'identity' };
  }

  override async onSuccess(response: DroverResponse, bundle: Bundle): Promise<void> {
    const raw = response.headers.get('content-length');
    const length = Number(raw);
    const identity = !response.headers.has('content-encoding');
    if (identity && raw !== null && raw !== '' && Number.isSafeInteger(length)) {
      this.sizes.set(bundle, length);
    }
    response.body.destroy();
  }

  override async onFail(): Promise<void> {}
}

type SizeOptions = CommonOptions & { readonly headers?: Readonly<Record<string, string>> };

interface Probed {
  readonly bundle: Bundle;
  readonly size: number | undefined;
}

async function probe(
  urls: readonly string[],
  method: 'HEAD' | 'GET',
  options: SizeOptions,
): Promise<Probed[]> {
  const sizes = new SizeProbe();
  const download = coordinatorFor(options, sizes);
  try {
    const bundles = urls.map((url) => new Bundle(url, { method, headers: { ...options.headers } }));
    await swarm(bundles, download);
    return bundles.map((bundle) => ({ bundle, size: sizes.sizes.get(bundle) }));
  } finally {
    await download.close();
  }
}

function refusedHead({ bundle }: Probed): boolean {
  return isHttpError(bundle.error) && HEAD_REFUSED.has(bundle.error.status);
}

/**
 * The size of each remote resource (`Content-Length` of a HEAD, or of a GET whose body is never read
 * where HEAD is refused with 405 or 501), in input order; `undefined` when the server did not say.
 */
export async function remoteSizes(
  urls: readonly string[],
  options: SizeOptions,
): Promise<(number | undefined)[]> {
  const heads = await probe(urls, 'HEAD', options);
  const again = heads.filter(refusedHead).map(({ bundle }) => bundle.url);
  const gets = again.length === 0 ? [] : await probe(again, 'GET', options);
  const byUrl = new Map(gets.map(({ bundle, size }) => [bundle.url, size]));
  return heads.map((head) => (refusedHead(head) ? byUrl.get(head.bundle.url) : head.size));
}
