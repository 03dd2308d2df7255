import { Bundle, DownloadStrategy, type DownloadStrategyOptions, resolveInside } from '@drover/core';
import type { InputEntry } from '../input/parse-entries.js';
import { uniqueName } from '../unique-name.js';

/** How `get` names files: the URL → path mapping, or `--name unique`. */
export type Naming = 'url' | 'unique';

/** What the CLI keeps on each bundle: the input entry it came from. */
export interface EntryInfo {
  readonly entry: InputEntry;
}

/** Options of {@link FileStrategy}. */
export interface FileStrategyOptions extends DownloadStrategyOptions {
  /** @default 'url' */
  readonly naming?: Naming;
  /**
   * The one file of a single-URL run (`-o FILE`, or `./<basename>`): every bundle without its own
   * `filePath` is written there instead of the naming rule's path. @default undefined (the naming rule)
   */
  readonly fixedPath?: string;
}

/**
 * `get`'s download strategy: the core one (part file, checksum, rename, `skipCached`) plus
 * `--name unique`, the one file of a single-URL run, and `out=` names confined to the download folder.
 */
export class FileStrategy extends DownloadStrategy {
  /** How files are named. */
  readonly naming: Naming;
  /** The single file of a one-URL run, when there is one. */
  readonly fixedPath: string | undefined;

  constructor(options: FileStrategyOptions = {}) {
    const { naming, fixedPath, ...rest } = options;
    super(rest);
    this.naming = naming ?? 'url';
    this.fixedPath = fixedPath;
  }

  override getFilePath(bundle: Bundle): string | undefined {
    if (this.fixedPath !== undefined) return this.fixedPath;
    if (this.naming === 'unique') return resolveInside(this.home, uniqueName(bundle.url));
    return super.getFilePath(bundle);
  }

  /**
   * The absolute path of an `out=` name, inside the download folder.
   * @throws RangeError when the name would leave it.
   */
  outPath(out: string): string {
    return resolveInside(this.home, out);
  }

  /**
   * Where an entry's file goes: its `out=` name, or the naming rule applied to its URL.
   * @throws when the URL or the `out=` name is invalid.
   */
  targetPath(entry: InputEntry): string {
    if (entry.out !== undefined) return this.outPath(entry.out);
    const target = this.getFilePath(new Bundle(entry.url));
    if (target === undefined) throw new TypeError(`no file path for ${entry.url}`);
    return target;
  }
}
