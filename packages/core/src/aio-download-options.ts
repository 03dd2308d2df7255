import type { AxiosInstance } from 'axios';
import type { CooldownStore } from './cooldowns.js';
import type { Hooks } from './hooks.js';
import type { SlotLimiter } from './limiter.js';
import type { DownloadStrategy } from './strategies/download-strategy.js';
import type { RequestStrategy } from './strategies/request-strategy.js';
import type { TransportName } from './transport/transport.js';

/** Options of {@link AioDownload}. */
export interface AioDownloadOptions {
  /**
   * An axios instance to request with (transport `'axios'`), like aiohttp's ClientSession in
   * aiodownload: its interceptors and defaults apply to every request. Borrowed: `close()` leaves it
   * open.
   * @default none (drover's own transport)
   */
  readonly client?: AxiosInstance;
  /**
   * The HTTP client under the strategies: `'undici'` (1.5–2.5× the files per second of axios) or
   * `'axios'` (your `client`, or a keep-alive one drover makes and closes, loaded only then).
   * Strategies and hooks see drover's own `DroverRequest`/`DroverResponse` on both; retries,
   * timeouts, redirects, decompression, resume, proxies, auth and progress behave the same
   * (docs/transports.md).
   * @default the `DROVER_TRANSPORT` environment variable, else `'undici'`; always `'axios'` with a `client`
   */
  readonly transport?: TransportName;
  /** How to request and when to retry. @default new Lenient() */
  readonly requestStrategy?: RequestStrategy;
  /** Where and how to write. @default new DownloadStrategy() */
  readonly downloadStrategy?: DownloadStrategy;
  /**
   * How many input items `each` and `swarm` take ahead of finished ones (bundles waiting out a retry
   * delay do not count, up to 16 times this number).
   * @default max(16, 2 × concurrent)
   */
  readonly lookAhead?: number;
  /**
   * Stops everything this coordinator does: requests in flight are aborted, waits end, queued bundles
   * never start. Each ends `failed` with an `AbortError`.
   */
  readonly signal?: AbortSignal;
  /**
   * Check TLS certificates of the default client. Turn off only for a server you trust with a
   * self-signed certificate. Ignored when you pass your own `client`.
   * @default true
   */
  readonly rejectUnauthorized?: boolean;
  /**
   * Certificate authorities (PEM) trusted for TLS by the default client, in place of Node's bundled
   * list (include those too if you need both), as Node's `tls.connect({ ca })`: `curl --cacert`,
   * `wget2 --ca-certificate`. Ignored when you pass your own `client`.
   * @default undefined (Node's bundled list, plus `NODE_EXTRA_CA_CERTS`)
   */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /**
   * The proxy every request goes through, `http://[user:password@]host:port` (the user info becomes
   * `Proxy-Authorization`): plain http in absolute form, https through a `CONNECT` tunnel. Undici
   * transport only (with `transport: 'axios'` it is an error; pass an axios `client` with your own
   * agent instead). `false`: no proxy, whatever `HTTP_PROXY`/`HTTPS_PROXY` say (both transports).
   * Ignored when you pass your own `client`.
   * @default undefined (`HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` from the environment)
   */
  readonly proxy?: string | false;
  /**
   * Slots for attempts, shared with whoever else holds the same limiter (other coordinators, other
   * processes through `@drover/redis`). An injected limiter is borrowed: `close()` leaves it open.
   * @default a process-local limiter built from the request strategy's `concurrent`, `limitPerHost`
   * and `minTime`
   */
  readonly limiter?: SlotLimiter;
  /**
   * Where host pauses after 429/503 `Retry-After` are kept; share one store to pause a host for
   * several coordinators.
   * @default a store of this coordinator's own
   */
  readonly cooldowns?: CooldownStore;
  /**
   * Hooks for every bundle of this coordinator (run before the hooks of each call).
   * @default none
   */
  readonly hooks?: Hooks;
}

/** Per-call options of `main` and `requestAndDownload`. */
export interface RunOptions {
  /** Abort this bundle (besides the coordinator's own signal). */
  readonly signal?: AbortSignal;
  /** Hooks for this bundle, run after the coordinator's own. @default none */
  readonly hooks?: Hooks;
}
