import { BackOff, Jitter, Lenient, type RequestStrategy, type RequestStrategyOptions } from '@drover/core';
import { parseChoice, parseDuration, parseInteger } from '../parse-values.js';
import type { AuthFlags } from './auth-flags.js';
import type { ProxyFlags } from './proxy-flags.js';
import type { TlsFlags } from './tls-flags.js';

/** The request flags shared by `get`, `fetch` and `check`, as commander hands them over (strings). */
export interface RequestFlags extends TlsFlags, AuthFlags, ProxyFlags {
  readonly connectTimeout?: string;
  readonly retryWait?: string;
  readonly concurrency?: string;
  readonly perHost?: string;
  readonly strategy?: string;
  readonly attempts?: string;
  readonly timeout?: string;
  readonly idleTimeout?: string;
  readonly headersTimeout?: string;
}

/** Downloads in flight at once unless `-j` says otherwise. */
export const DEFAULT_CONCURRENCY = 8;

/** The `--strategy` names. */
export const STRATEGIES = ['lenient', 'backoff', 'jitter'] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Options a command sets itself, beyond the flags (fetch's `maxContentLength`). */
export type StrategyOverrides = Pick<RequestStrategyOptions, 'maxContentLength'>;

/**
 * Build the request strategy the flags describe: `--strategy` picks the class (default `backoff`),
 * the other flags its options; a flag not given keeps the class's own default.
 * @throws UsageError naming the first bad flag.
 */
export function requestStrategyFrom(flags: RequestFlags, overrides: StrategyOverrides = {}): RequestStrategy {
  const options: Mutable<RequestStrategyOptions> = {
    ...overrides,
    concurrent:
      flags.concurrency === undefined
        ? DEFAULT_CONCURRENCY
        : parseInteger('--concurrency', flags.concurrency, 1),
  };
  if (flags.perHost !== undefined) options.limitPerHost = parseInteger('--per-host', flags.perHost, 1);
  if (flags.attempts !== undefined) options.maxAttempts = parseInteger('--attempts', flags.attempts, 1);
  // Durations (a bare number is seconds) become the library's milliseconds; 0 turns a limit off
  // and values past Node's timer range are clamped by the strategy.
  if (flags.timeout !== undefined) options.timeout = parseDuration('--timeout', flags.timeout, 0);
  if (flags.idleTimeout !== undefined)
    options.idleTimeout = parseDuration('--idle-timeout', flags.idleTimeout, 0);
  if (flags.headersTimeout !== undefined) {
    options.headersTimeout = parseDuration('--headers-timeout', flags.headersTimeout, 0);
  }
  if (flags.connectTimeout !== undefined) {
    options.connectTimeout = parseDuration('--connect-timeout', flags.connectTimeout, 0);
  }
  if (flags.retryWait !== undefined) options.sleep = parseDuration('--retry-wait', flags.retryWait, 0);
  switch (parseChoice('--strategy', flags.strategy ?? 'backoff', STRATEGIES)) {
    case 'lenient':
      return new Lenient(options);
    case 'jitter':
      return new Jitter(options);
    case 'backoff':
      return new BackOff(options);
  }
}
