import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { makeFolder } from '@drover/core';
import type { BundleRecord } from '../record.js';
import { UsageError } from '../usage-error.js';

/** Appends one JSON line per finished bundle to a manifest, through one append stream. */
export class ManifestWriter {
  private constructor(private readonly stream: WriteStream) {}

  /**
   * Open (or create) `file` for appending, making its folder if needed.
   * @throws UsageError naming `--manifest` when it cannot be opened.
   */
  static async open(file: string): Promise<ManifestWriter> {
    try {
      // Not mkdir's `recursive`, which spins forever under /proc (see makeFolder).
      await makeFolder(path.dirname(path.resolve(file)));
      const stream = createWriteStream(file, { flags: 'a' });
      await once(stream, 'open');
      return new ManifestWriter(stream);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`--manifest cannot write ${JSON.stringify(file)}: ${reason}`);
    }
  }

  /** Queue one line. */
  write(record: BundleRecord): void {
    this.stream.write(`${JSON.stringify(record)}\n`);
  }

  /** Flush every queued line and close the file. */
  async close(): Promise<void> {
    if (this.stream.closed) return;
    const closed = once(this.stream, 'close');
    this.stream.end();
    await closed;
  }
}
