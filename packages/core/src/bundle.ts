import { normalizeAlgorithm } from './checksum.js';
import type { DroverError } from './errors/drover-error.js';
import { redactUrl } from './redact-url.js';

/** Bundles some coordinator has run: only those are reset when given again (not exported). */
const entered = new WeakSet<object>();

/** Note that a coordinator runs `bundle` (internal). */
export function markEntered(bundle: object): void {
  entered.add(bundle);
}

/** Whether a coordinator ever ran `bundle` (internal). */
export function wasEntered(bundle: object): boolean {
  return entered.has(bundle);
}

/**
 * Where a bundle is in its life: `initialized` (not started), `attempted` (requests under way),
 * then one of the final states `written`, `cached` (skipped, the file was already there) or `failed`.
 */
export type BundleStatus = 'initialized' | 'attempted' | 'written' | 'failed' | 'cached';

/** One HTTP request made for a bundle, kept in {@link Bundle.history}. */
export interface AttemptRecord {
  /** 1 for the first request. */
  readonly attempt: number;
  /** When the request started (`Date.now()`). */
  readonly startedAt: number;
  /** How long the attempt took, headers and body, in milliseconds. */
  readonly duration: number;
  /** The response status, when a response arrived. */
  readonly httpStatus: number | undefined;
  /** Body bytes received in this attempt. */
  readonly bytes: number;
  /** Why the attempt failed; `undefined` when it succeeded. */
  readonly error: DroverError | undefined;
}

/**
 * An expected digest of the file. `algorithm` is any hash Node's crypto knows (`sha256`, `sha512`,
 * `sha1`, `md5`; `sha-256` is accepted too); `digest` is hex or base64.
 */
export interface Checksum {
  readonly algorithm: string;
  readonly digest: string;
}

/** What a bundle can carry besides its URL. */
export interface BundleOptions<Info = unknown> {
  /** Anything the caller wants to keep with the bundle; drover never reads it. */
  readonly info?: Info;
  /**
   * Where to write the body. Relative paths are resolved against the download strategy's `home`.
   * A path given here is the caller's choice and is used as is.
   * @default the download strategy's `getFilePath(bundle)`
   */
  readonly filePath?: string;
  /** The HTTP method. @default 'GET' */
  readonly method?: string;
  /** Extra request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** A request body, for POST, PUT or PATCH. */
  readonly data?: unknown;
  /**
   * Other URLs of the same resource. Attempt n requests `[url, ...mirrors][(n − 1) % count]`, so a
   * retry falls back to the next mirror. The file path still comes from `url`.
   * @default []
   */
  readonly mirrors?: readonly (string | URL)[];
  /** Verify the written bytes before the file reaches its path; a mismatch is an `IntegrityError`. */
  readonly checksum?: Checksum;
}

/**
 * One URL and everything drover learns while fetching it. The coordinator fills in `filePath`,
 * `attempts`, `status`, `httpStatus`, `bytes`, `history` and, on failure, `error`.
 *
 * @example
 * const bundle = new Bundle('https://example.com/a.zip', { info: { id: 7 } });
 */
export class Bundle<Info = unknown> {
  /**
   * The URL as given, user info included: it is what drover requests (a password becomes
   * `Authorization: Basic`). Show it with `redactUrl(bundle.url)`, as `statusMsg` and errors do.
   */
  readonly url: string;
  /** The caller's own data. */
  info: Info | undefined;
  /** The absolute path the body is written to; set by the coordinator before the first request. */
  filePath: string | undefined;
  /** The HTTP method, upper case. */
  method: string;
  /** Extra request headers. */
  headers: Record<string, string>;
  /** The request body, if any. */
  data: unknown;
  /** Other URLs of the same resource, tried in turn on retries. */
  mirrors: string[];
  /** The expected digest, if any. */
  checksum: Checksum | undefined;
  /** HTTP requests made so far, exactly. */
  attempts = 0;
  /** Where the bundle is in its life. */
  status: BundleStatus = 'initialized';
  /** The URL the last attempt requested (a mirror, or where redirects led), once known; never with user info. */
  finalUrl: string | undefined;
  /** The status of the last response, if one arrived. */
  httpStatus: number | undefined;
  /**
   * The size of the file at `filePath` once `written` (after a resumed download, the bytes kept from
   * earlier attempts included); 0 otherwise. Bytes received per attempt are in `history`.
   */
  bytes = 0;
  /** Why the bundle failed, when `status` is `failed`. */
  error: DroverError | undefined;
  /** Every attempt, in order. */
  readonly history: AttemptRecord[] = [];
  /**
   * The bundle whose download this one shared: set when the same URL was already being written to
   * the same path in this coordinator, so this bundle made no request (`attempts` 0) and took over
   * the other's `status`, `httpStatus`, `bytes` and `error`.
   */
  duplicateOf: Bundle | undefined;

  /** @throws TypeError when `checksum.algorithm` is not a hash Node supports. */
  constructor(url: string | URL, options: BundleOptions<Info> = {}) {
    this.url = String(url);
    this.info = options.info;
    this.filePath = options.filePath;
    this.method = (options.method ?? 'GET').toUpperCase();
    this.headers = { ...options.headers };
    this.data = options.data;
    this.mirrors = (options.mirrors ?? []).map(String);
    if (options.checksum !== undefined) normalizeAlgorithm(options.checksum.algorithm);
    this.checksum = options.checksum;
  }

  /** A one-line summary, as aiodownload printed it (a password in the URL masked). */
  get statusMsg(): string {
    return `[URL: ${redactUrl(this.url)}, File Path: ${this.filePath ?? ''}, Attempts: ${this.attempts}, Status: ${this.status}]`;
  }

  /** Whether the bundle has reached a final state. */
  get done(): boolean {
    return this.status === 'written' || this.status === 'cached' || this.status === 'failed';
  }

  /**
   * Forget what an earlier run learnt (status, attempts, history, results), keeping the request
   * (URL, method, headers, body, mirrors, checksum, `info`) and `filePath`. The
   * coordinator calls it when a finished bundle is run again, so a second run starts afresh.
   */
  reset(): void {
    this.status = 'initialized';
    this.attempts = 0;
    this.history.length = 0;
    this.finalUrl = undefined;
    this.httpStatus = undefined;
    this.bytes = 0;
    this.error = undefined;
    this.duplicateOf = undefined;
  }

  /** `value` itself when it is a bundle, else a new bundle for it. */
  static from<Info = unknown>(value: string | URL | Bundle<Info>): Bundle<Info> {
    return value instanceof Bundle ? value : new Bundle<Info>(value);
  }

  toString(): string {
    return this.statusMsg;
  }
}
