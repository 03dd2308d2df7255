import { finished, type Readable, type Transform, type Writable } from 'node:stream';

/**
 * Pipe `source` through `stages` into `sink`, keeping every byte received even when the source fails:
 * unlike `pipeline`, a source error ends the chain gracefully (buffered writes are flushed and the
 * file closed) before the promise rejects with it, so a `.part` file holds the whole prefix that
 * arrived and a later attempt can resume from there. A sink error destroys everything at once.
 */
export function saveStream(source: Readable, stages: readonly Transform[], sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const chain = [source, ...stages, sink];
    let sourceError: unknown;
    let settled = false;
    const settle = (error: unknown) => {
      if (settled) return;
      settled = true;
      if (error === undefined) resolve();
      else reject(error);
    };
    finished(source, (error) => {
      if (error === undefined || error === null) return;
      sourceError ??= error;
      source.unpipe();
      // End the first downstream stage; the rest end in turn once it has flushed.
      (chain[1] as Writable).end();
    });
    for (const stage of chain.slice(1)) {
      stage.on('error', (error) => {
        for (const other of chain) other.destroy();
        settle(error);
      });
    }
    sink.on('close', () =>
      settle(sourceError ?? (sink.writableFinished ? undefined : new Error('write stream closed early'))),
    );
    chain.reduce((from, to) => (from as Readable).pipe(to as Writable));
  });
}
