import { EXIT } from './exit-codes.js';

/** What {@link failIfUnsettled} writes to and how it leaves (replaceable in tests). */
export interface UnsettledExit {
  readonly stderr: { write(text: string): unknown };
  exit(code: number): void;
}

/**
 * Fail loudly when the process runs out of work while `work` is still pending: a promise somewhere
 * that nothing can settle any more. Without this Node exits 13 with no word ("unsettled top-level
 * await"); with it the process prints
 * `drover: internal error: the run stopped with work unfinished (<detail>)` and exits with
 * {@link EXIT.unsettled}. Listens for `beforeExit`, which Node emits only when the event loop is
 * empty, so it costs nothing while the run is busy; the listener goes once `work` settles.
 * @returns `work`, unchanged.
 * @example const code = await failIfUnsettled(run(argv), 'drover check');
 */
export function failIfUnsettled<T>(
  work: Promise<T>,
  detail: string,
  out: UnsettledExit = { stderr: process.stderr, exit: (code) => process.exit(code) },
): Promise<T> {
  const onEmpty = (): void => {
    out.stderr.write(
      `drover: internal error: the run stopped with work unfinished (${detail} was still waiting for a ` +
        'result that nothing can deliver any more; please report this with the command line)\n',
    );
    out.exit(EXIT.unsettled);
  };
  process.on('beforeExit', onEmpty);
  const done = (): void => {
    process.off('beforeExit', onEmpty);
  };
  work.then(done, done);
  return work;
}
