import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { WorkerFlags } from '../run/run-worker.js';
import {
  addFileOptions,
  addOutputOptions,
  addQueueOptions,
  addRequestOptions,
  DURATIONS,
} from './shared-options.js';

const EXAMPLES = `
Examples:
  $ drover worker --redis redis://10.0.0.5:6379 -d /data/mirror -j 16 --per-host 2
  $ drover worker --redis redis://127.0.0.1:6379 --queue nightly --strategy jitter

Takes jobs queued by "drover get --redis" until SIGINT or SIGTERM. Files already in -d are cached.
-j is this worker's jobs at once; --per-host and 429/503 pauses hold across every worker with the
same --limits-id (default: the queue's name). A worker that dies loses nothing: after --lock-duration
another worker takes its jobs again.
Ctrl-C (or SIGTERM): no new jobs; downloads in flight stop and go back to the queue; exit 0.
Twice: quit at once (130).
${DURATIONS}
Needs @drover/redis (npm install @drover/redis): without it, exit 69 with that hint.
Exit codes: 0 stopped by a signal, 2 usage error, 69 @drover/redis not installed, 130 quit at once.`;

/** Add `drover worker` to `program`; its exit code goes to `done`. */
export function addWorkerCommand(program: Command, io: Io, done: (code: number) => void): void {
  const command = program.command('worker').description('download jobs from a Redis queue until stopped');
  addQueueOptions(command, 'the Redis to take jobs from (required)');
  addRequestOptions(command, { input: false });
  addFileOptions(command)
    .option('--keep-partial', 'keep the .part file of a download that failed or was stopped, to resume it')
    .option(
      '--limits-id <id>',
      'share --per-host and host pauses with the workers of this id (default: the queue)',
    )
    .option(
      '--lock-duration <duration>',
      'a job whose worker is silent this long goes to another (default: 30s)',
    )
    .option('--stalled-interval <duration>', 'how often to look for such jobs (default: 30s)');
  addOutputOptions(command, 'print a JSON line per finished job on stdout')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(see drover worker --help)')
    .action(async (_options: unknown, self: Command) => {
      const { runWorker } = await import('../run/run-worker.js');
      done(await runWorker(self.opts<WorkerFlags>(), io));
    });
}
