import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

async function isFolder(folder: string): Promise<boolean> {
  return (await stat(folder).catch(() => undefined))?.isDirectory() === true;
}

/** `mkdir` one level; `undefined` when the folder is there afterwards, else the system error. */
async function makeOne(folder: string): Promise<NodeJS.ErrnoException | undefined> {
  try {
    await mkdir(folder);
    return undefined;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    // Someone else made it meanwhile (or it was there): fine, unless it is not a folder.
    if (failure.code === 'EEXIST' && (await isFolder(folder))) return undefined;
    return failure;
  }
}

/**
 * Make `folder` and its missing parents, like `mkdir -p`, trying each level at most twice.
 *
 * Not `fs.mkdir(folder, { recursive: true })` (nor fs-extra's `ensureDir`, built on it): where
 * `mkdir` answers ENOENT although the parent exists, as everywhere under `/proc`, Node's recursive
 * walk makes the parent (EEXIST), tries the child again, and spins at full CPU forever without
 * settling (issue #10: `drover get URL -d /proc/x`). Here an ENOENT once the parent is known to
 * exist is final.
 * @throws the system error of the level that cannot be made (`ENOENT`, `EACCES`, `ENOTDIR`, `EEXIST`
 * for a file in the way, `EROFS`, `ENOSPC`…), with its `path`.
 */
export async function makeFolder(folder: string): Promise<void> {
  const first = await makeOne(folder);
  if (first === undefined) return;
  const parent = path.dirname(folder);
  if (first.code !== 'ENOENT' || parent === folder) throw first;
  await makeFolder(parent);
  const second = await makeOne(folder);
  if (second !== undefined) throw second;
}
