// Type-level checks of the public API: they run as ordinary tests and fail the type-check when the
// public types drift from DESIGN.md.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type {
  AioDownload,
  Bundle,
  BundleStatus,
  DownloadStrategy,
  DroverError,
  DroverResponse,
  RequestStrategy,
} from '@drover/core';
import { type each, type one, retrieve, type swarm, type uniqueFilename } from '@drover/core';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_: T): void {}

it('public signatures match the design contract', () => {
  expectType<Equal<BundleStatus, 'initialized' | 'attempted' | 'written' | 'failed' | 'cached'>>(true);
  expectType<Equal<ReturnType<typeof one>, Promise<Bundle>>>(true);
  expectType<Equal<ReturnType<typeof swarm>, Promise<Bundle[]>>>(true);
  expectType<Equal<ReturnType<typeof each<number>>, AsyncGenerator<Bundle, void, undefined>>>(true);
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
