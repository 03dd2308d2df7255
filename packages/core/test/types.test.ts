// Type-level checks of the public API: they run as ordinary tests and fail the type-check when the
// public types drift from DESIGN.md.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type {
  AioDownload,
  BundleStatus,
  DownloadStrategy,
  DroverError,
  DroverRequest,
  DroverResponse,
  Hooks,
  RequestStrategy,
} from '@drover/core';
import { Bundle, each, one, retrieve, swarm, type uniqueFilename } from '@drover/core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_: T): void {}

it('public signatures match the design contract', () => {
  expectType<Equal<BundleStatus, 'initialized' | 'attempted' | 'written' | 'failed' | 'cached'>>(true);
  expectType<Equal<ReturnType<typeof one>, Promise<Bundle>>>(true);
  expectType<Equal<ReturnType<typeof swarm>, Promise<Bundle[]>>>(true);
  // Bundle<Info> flows through each: the item becomes `info` when urlMap gives a URL.
  const ids = (items: number[]) => each(items, (id) => `http://127.0.0.1/items/${id}`);
  expectType<Equal<ReturnType<typeof ids>, AsyncGenerator<Bundle<number>, void, undefined>>>(true);
  const own = (items: string[]) => each(items, { urlMap: (url) => new Bundle(url, { info: { tag: 1 } }) });
  expectType<Equal<ReturnType<typeof own>, AsyncGenerator<Bundle<{ tag: number }>, void, undefined>>>(true);
  const typed = (bundle: Bundle<{ id: string }>) => one(bundle, { signal: AbortSignal.timeout(1) });
  expectType<Equal<ReturnType<typeof typed>, Promise<Bundle<{ id: string }>>>>(true);
  const ordered = (bundles: Bundle<Date>[]) => swarm(bundles);
  expectType<Equal<ReturnType<typeof ordered>, Promise<Bundle<Date>[]>>>(true);
  expectType<Equal<Parameters<RequestStrategy['assertResponse']>[0], DroverResponse>>(true);
  expectType<Equal<ReturnType<RequestStrategy['request']>, DroverRequest>>(true);
  expectType<Equal<ReturnType<DroverResponse['headers']['get']>, string | null>>(true);
  expectType<Equal<Parameters<NonNullable<Hooks['onDone']>[number]>[0]['bundle'], Bundle>>(true);
  // each without urlMap: the bundles' own Info, or unknown for URLs (never the item type itself).
  const plainUrls = (urls: string[]) => each(urls);
  expectType<Equal<ReturnType<typeof plainUrls>, AsyncGenerator<Bundle<unknown>, void, undefined>>>(true);
  const ownBundles = (bundles: Bundle<{ depth: number }>[]) =>
    each(bundles, { signal: AbortSignal.timeout(1) });
  expectType<
    Equal<ReturnType<typeof ownBundles>, AsyncGenerator<Bundle<{ depth: number }>, void, undefined>>
  >(true);
  // Hooks typed for the call's Info are accepted per call.
  const typedHooks = (bundle: Bundle<{ depth: number }>) =>
    one(bundle, { hooks: { onDone: [({ bundle: done }) => void done.info?.depth] } });
  expectType<Equal<ReturnType<typeof typedHooks>, Promise<Bundle<{ depth: number }>>>>(true);
  const page = (url: string) => retrieve<{ items: number[] }>(url, 'json');
  expectType<Equal<Awaited<ReturnType<typeof page>>, { items: number[] } | undefined>>(true);
  const single = (url: string) => retrieve(url, 'text');
  const many = (urls: string[]) => retrieve(urls, 'binary');
  expectType<Equal<Awaited<ReturnType<typeof single>>, string | undefined>>(true);
  expectType<Equal<Awaited<ReturnType<typeof many>>, (Buffer | undefined)[]>>(true);
  expectType<Equal<ReturnType<typeof uniqueFilename>, string>>(true);
  expectType<Equal<Parameters<RequestStrategy['retry']>, [bundle: Bundle, failure: DroverError]>>(true);
  expectType<Equal<ReturnType<RequestStrategy['getSleepTime']>, number>>(true);
  expectType<Equal<Parameters<DownloadStrategy['onSuccess']>, [response: DroverResponse, bundle: Bundle]>>(
    true,
  );
  expectType<Equal<ReturnType<AioDownload['close']>, Promise<void>>>(true);
  expectType<Equal<Bundle['statusMsg'], string>>(true);
  assert.ok(true);
});
