import type { Command } from 'commander';
import type { Io } from '../io.js';
import { type GetFlags, runGet } from '../run/run-get.js';
import {
  addFileOptions,
  addOutputOptions,
  addQueueOptions,
  addRequestOptions,
  DURATIONS,
  EXIT_CODES,
  INPUT_FORMAT,
} from './shared-options.js';

const NAMING = `
File names: one URL (no -d, --name or -i) is saved as ./<basename> of its path (query ignored;
"index" for a trailing slash), -o FILE names it; an existing file is kept and the new one numbered
FILE.1, FILE.2 … (as wget2) unless --no-clobber (skip) or --overwrite (replace). Several URLs, -d
or --name url keep the host tree (DIR/host+port/path), where files are replaced (see --skip-cached).
`;

const EXAMPLES = `
Examples:
  $ drover get https://example.com/a.zip https://example.com/b.zip
  $ drover get -i urls.txt -d mirror -j 16 --per-host 4 --manifest run.jsonl
  $ cat urls.txt | drover get -i - --name unique --skip-cached
  $ drover get -i urls.txt --json > results.jsonl
  $ drover get -H 'Authorization: Bearer TOKEN' --strategy jitter --attempts 5 https://example.com/x
  $ drover get --redis redis://127.0.0.1:6379 -i urls.txt     # run by "drover worker" processes
${NAMING}${INPUT_FORMAT}
${DURATIONS}
Resume: run again with the same --manifest; URLs it records as written or cached (file still there)
are skipped, failed ones are tried again.
Ctrl-C: no new URLs; downloads in flight are aborted (and fetched again on the next run with the
same --manifest); manifest flushed, exit 130. Twice: quit at once.
${EXIT_CODES}`;

/** Add `drover get` to `program`; its exit code goes to `done`. */
export function addGetCommand(program: Command, io: Io, done: (code: number) => void): void {
  const command = program
    .command('get')
    .description('download URLs into files')
    .argument('[url...]', 'URLs to download (before those of --input)');
  addRequestOptions(command);
  addFileOptions(command);
  command
    .option(
      '--max-filesize <size>',
      'fail a file larger than SIZE (bytes, or 64K, 10M, 1G) (default: no limit)',
    )
    .option('-o, --output <file>', 'write the one URL to FILE (relative to -d when given)')
    .option('--no-clobber', 'skip a URL whose file already exists, from any tool (counts as skipped)')
    .option('--overwrite', 'replace an existing file (atomically) instead of numbering the new one')
    .option('--skip-cached', 'skip URLs whose file already exists (status cached)')
    .option('--manifest <file>', 'append a JSON line per finished URL to FILE, and resume from it')
    .option(
      '--keep-partial',
      'keep the .part file of a download that failed or was stopped, so the next run resumes it with Range',
    );
  addQueueOptions(
    command,
    'put the URLs on this Redis queue for "drover worker" processes and follow the results',
  );
  addOutputOptions(command, 'print a JSON line per finished URL on stdout (summary on stderr)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(see drover get --help)')
    .action(async (urls: string[], _options: unknown, self: Command) => {
      const flags = self.opts<GetFlags>();
      if (flags.redis === undefined && flags.queue === undefined) done(await runGet(urls, flags, io));
      else {
        // Loaded only when asked for: plain runs do not pay for BullMQ and ioredis.
        const { runRedisGet } = await import('../run/run-redis-get.js');
        done(await runRedisGet(urls, flags, io));
      }
    });
}
