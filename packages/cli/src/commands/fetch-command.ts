import type { Command } from 'commander';
import type { Io } from '../io.js';
import { type FetchFlags, runFetch } from '../run/run-fetch.js';
import { addRequestOptions, DURATIONS, EXIT_CODES } from './shared-options.js';

const EXAMPLES = `
Examples:
  $ drover fetch https://api.example.com/items/1 --as json
  $ drover fetch https://example.com/a.txt https://example.com/b.txt
  $ drover fetch -i ids.txt --as json -j 4 > bodies.jsonl

One URL argument prints its body (--as json pretty-prints it). Several URLs, or --input, print one
JSON line per URL in input order: {"url": ..., "status": ..., "body": ..., "error": ...}.
Bodies are kept in memory, up to --max-size bytes each.
${DURATIONS}
${EXIT_CODES}`;

/** Add `drover fetch` to `program`; its exit code goes to `done`. */
export function addFetchCommand(program: Command, io: Io, done: (code: number) => void): void {
  const command = program
    .command('fetch')
    .description('print response bodies on stdout')
    .argument('[url...]', 'URLs to fetch (before those of --input)');
  addRequestOptions(command)
    .option('--as <format>', 'read bodies as "text" or "json" (default: text)')
    .option('--max-size <bytes>', 'largest body kept, in bytes (default: 10485760, 10 MiB)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError('(see drover fetch --help)')
    .action(async (urls: string[], _options: unknown, self: Command) => {
      done(await runFetch(urls, self.opts<FetchFlags>(), io));
    });
}
