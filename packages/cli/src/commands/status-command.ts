import type { Command } from 'commander';
import type { Io } from '../io.js';
import type { StatusFlags } from '../run/run-status.js';
import { addQueueOptions } from './shared-options.js';

const EXAMPLES = `
Examples:
  $ drover status --redis redis://127.0.0.1:6379
  $ drover status --redis redis://127.0.0.1:6379 --queue nightly --json

Needs @drover/redis (npm install @drover/redis).
Exit codes: 0 printed, 2 usage error, 69 @drover/redis not installed.`;

/** Add `drover status` to `program`; its exit code goes to `done`. */
export function addStatusCommand(program: Command, io: Io, done: (code: number) => void): void {
  const command = program.command('status').description('show the counts of a Redis download queue');
  addQueueOptions(command, 'the Redis of the queue (required)')
    .option('--json', 'print one JSON object')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(see drover status --help)')
    .action(async (_options: unknown, self: Command) => {
      const { runStatus } = await import('../run/run-status.js');
      done(await runStatus(self.opts<StatusFlags>(), io));
    });
}
