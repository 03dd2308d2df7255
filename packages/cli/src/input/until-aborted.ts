/**
 * Read `source` until `signal` aborts, then stop at once, even while a read is pending (say, on a
 * quiet standard input). The source is told to stop (`return()`) without waiting for it.
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  let finished = false;
  try {
    while (!signal.aborted) {
      const reading = iterator.next();
      // A read still pending when the run stops must not turn into an unhandled rejection later.
      reading.catch(() => undefined);
      const next = await Promise.race([reading, aborted]);
      if (next === 'aborted') return;
      if (next.done === true) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!finished) void iterator.return?.()?.catch(() => undefined);
  }
}
