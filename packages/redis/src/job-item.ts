import { createHash } from 'node:crypto';
import { Bundle, type Checksum, resolveInside } from '@drover/core';

/** A JSON value, as job data must be. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One download as it travels through the queue: JSON, so any worker on any machine can run it. */
export interface JobItem {
  /** The URL to download. */
  readonly url: string;
  /**
   * The file path relative to the worker's download folder (it may not leave it).
   * @default the worker's download strategy maps the URL (`getFilePath`)
   */
  readonly out?: string;
  /** The HTTP method. @default 'GET' */
  readonly method?: string;
  /** Extra request headers. @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** Other URLs of the same resource, tried in turn on retries. @default [] */
  readonly mirrors?: readonly string[];
  /** The digest the body must match before it reaches its path. */
  readonly checksum?: Checksum;
  /** The caller's own data, kept with the job and handed to the bundle as `info`. */
  readonly info?: JsonValue;
  /**
   * What makes two items the same job: an item whose key is already in the queue (waiting, running
   * or finished) is not added again.
   * @default the URL
   */
  readonly key?: string;
}

/** What `enqueue` accepts: a URL, a bundle (its URL, method, headers, mirrors, checksum and `info`), or a job item. */
export type EnqueueItem = string | URL | Bundle | JobItem;

/**
 * The BullMQ job id of a key: a hash, because custom ids may not contain `:` and must not look like
 * the numbers BullMQ gives its own jobs.
 */
export function jobIdOf(key: string): string {
  return `d${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/** The job item of an enqueued value. Bundles keep what can travel as JSON. */
export function toJobItem(item: EnqueueItem): JobItem {
  if (typeof item === 'string' || item instanceof URL) return { url: String(item) };
  if (!(item instanceof Bundle)) return item;
  return {
    url: item.url,
    // A relative path: an absolute one means nothing on another machine (the worker refuses it).
    ...(item.filePath === undefined ? {} : { out: item.filePath }),
    ...(item.method === 'GET' ? {} : { method: item.method }),
    ...(Object.keys(item.headers).length === 0 ? {} : { headers: item.headers }),
    ...(item.mirrors.length === 0 ? {} : { mirrors: item.mirrors }),
    ...(item.checksum === undefined ? {} : { checksum: item.checksum }),
    ...(item.info === undefined ? {} : { info: JSON.parse(JSON.stringify(item.info)) as JsonValue }),
  };
}

/**
 * The bundle a worker runs for an item, its `out` path resolved under `home`, `headers` under its own.
 * @throws RangeError when `out` would leave `home`; TypeError for an unsupported checksum algorithm.
 */
export function toBundle(
  item: JobItem,
  home: string,
  headers: Readonly<Record<string, string>> = {},
): Bundle {
  return new Bundle(item.url, {
    ...(item.out === undefined ? {} : { filePath: resolveInside(home, item.out) }),
    ...(item.method === undefined ? {} : { method: item.method }),
    headers: { ...headers, ...item.headers },
    ...(item.mirrors === undefined ? {} : { mirrors: item.mirrors }),
    ...(item.checksum === undefined ? {} : { checksum: item.checksum }),
    ...(item.info === undefined ? {} : { info: item.info }),
  });
}
