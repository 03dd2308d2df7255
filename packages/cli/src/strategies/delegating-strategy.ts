import {
  type Bundle,
  type DroverError,
  RequestStrategy,
  type RequestStrategyOptions,
  type StrategyResponse,
} from '@drover/core';

/** The request config a strategy returns (axios' type, without depending on axios here). */
type RequestConfig = ReturnType<RequestStrategy['requestConfig']>;

/** Options equal to `inner`'s, in the form the constructor takes. */
function optionsOf(inner: RequestStrategy): RequestStrategyOptions {
  const { retryOn, ...rest } = inner.options;
  return { ...rest, ...(retryOn === undefined ? {} : { retryOn: [...retryOn] }) };
}

/**
 * A request strategy that asks `inner` (the `--strategy` the user chose) for every decision, so a
 * subclass can add one rule to any of `Lenient`, `BackOff` or `Jitter`. It keeps `inner`'s
 * `maxAttempts`: attempts the added rule spends count against it, so `--attempts N` stays at most N
 * requests.
 */
export class DelegatingStrategy extends RequestStrategy {
  constructor(readonly inner: RequestStrategy) {
    super(optionsOf(inner));
  }

  override assertResponse(response: StrategyResponse, bundle: Bundle): void {
    this.inner.assertResponse(response, bundle);
  }

  override retry(bundle: Bundle, failure: DroverError): boolean {
    return this.inner.retry(bundle, failure);
  }

  override getSleepTime(bundle: Bundle, failure?: DroverError): number {
    return this.inner.getSleepTime(bundle, failure);
  }

  override requestConfig(bundle: Bundle): RequestConfig {
    return this.inner.requestConfig(bundle);
  }
}
