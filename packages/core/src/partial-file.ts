import fs from 'fs-extra';

/** What is remembered about a `.part` file so a later attempt or run can resume it safely. */
export interface PartialMeta {
  /** The URL the bytes came from. */
  readonly url: string;
  /** A strong ETag of the resource, when the server sent one. */
  readonly etag?: string;
  /** The resource's Last-Modified, when the server sent one. */
  readonly lastModified?: string;
}

/** The sidecar next to a `.part` file. */
export function metaPath(partPath: string): string {
  return `${partPath}.json`;
}

/** The validator to send in `If-Range`: a strong ETag, else Last-Modified. */
export function validatorOf(meta: PartialMeta): string | undefined {
  if (meta.etag !== undefined && !meta.etag.startsWith('W/')) return meta.etag;
  return meta.lastModified;
}

/** Read the sidecar of `partPath`; `undefined` when missing or unreadable. */
export async function readMeta(partPath: string): Promise<PartialMeta | undefined> {
  try {
    const meta = (await fs.readJson(metaPath(partPath))) as Partial<PartialMeta>;
    return typeof meta.url === 'string' ? (meta as PartialMeta) : undefined;
  } catch {
    return undefined;
  }
}

/** Write the sidecar of `partPath`. */
export async function writeMeta(partPath: string, meta: PartialMeta): Promise<void> {
  await fs.writeJson(metaPath(partPath), meta);
}

/** Remove a `.part` file and its sidecar; never throws. */
export async function removePartial(partPath: string): Promise<void> {
  await Promise.all([fs.remove(partPath), fs.remove(metaPath(partPath))]).catch(() => undefined);
}

/** Size of the `.part` file, 0 when there is none. */
export async function partialSize(partPath: string): Promise<number> {
  const stat = await fs.stat(partPath).catch(() => undefined);
  return stat?.isFile() === true ? stat.size : 0;
}

/** The first byte position of a `Content-Range: bytes a-b/n` header. */
export function contentRangeStart(header: unknown): number | undefined {
  const match = typeof header === 'string' ? /^bytes (\d+)-\d+\/(?:\d+|\*)$/.exec(header.trim()) : null;
  return match === null ? undefined : Number(match[1]);
}
