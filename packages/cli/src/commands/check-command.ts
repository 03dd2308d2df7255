import type { Command } from 'commander';
import type { Io } from '../io.js';
import { type CheckFlags, runCheck } from '../run/run-check.js';
import { addFileOptions, addOutputOptions, addRequestOptions, DURATIONS } from './shared-options.js';

const EXAMPLES = `
Examples:
  $ drover check -i urls.txt -d mirror
  $ drover check -i urls.txt -d mirror --name unique --json > report.jsonl

For each URL, asks the server for its size (HEAD; GET without reading the body when HEAD is refused
with 405 or 501, one of the --attempts) and compares it with the file "drover get" with the same -d,
--name and input would have written. Prints "mismatch PATH local=SIZE|missing remote=SIZE|unknown" for each difference.
${DURATIONS}
Exit codes: 0 every file matches, 1 some differ; a URL that could not be checked gives its cause as
"drover get" does (4 network, 8 server error, see "drover get --help"), and the lowest code from 2 to 9
wins; 2 usage error, 130 interrupted, 70 internal error (the run stopped with work unfinished).`;

/** Add `drover check` to `program`; its exit code goes to `done`. */
export function addCheckCommand(program: Command, io: Io, done: (code: number) => void): void {
  const command = program
    .command('check')
    .description('compare local files with the remote sizes')
    .argument('[url...]', 'URLs to check (before those of --input)');
  addRequestOptions(command);
  addFileOptions(command);
  addOutputOptions(command, 'print a JSON line per checked URL on stdout (summary on stderr)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(see drover check --help)')
    .action(async (urls: string[], _options: unknown, self: Command) => {
      done(await runCheck(urls, self.opts<CheckFlags>(), io));
    });
}
