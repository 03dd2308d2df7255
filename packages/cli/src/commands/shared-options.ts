import type { Command } from 'commander';
import { DEFAULT_CONCURRENCY } from '../strategies/request-flags.js';

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The request flags of `get`, `fetch`, `check` (and, without `-i`, `worker`). */
export function addRequestOptions(command: Command, { input = true }: { input?: boolean } = {}): Command {
  if (input) command.option('-i, --input <file>', 'read URLs from FILE, one a line ("-" for standard input)');
  return command
    .option('-j, --concurrency <n>', `downloads in flight at once (default: ${DEFAULT_CONCURRENCY})`)
    .option('--per-host <n>', 'downloads in flight per host (scheme, host, port) (default: no limit)')
    .option('--strategy <name>', 'retry policy: lenient, backoff or jitter (default: backoff)')
    .option('--attempts <n>', 'HTTP requests per URL at most (default: 5 lenient, 10 backoff/jitter)')
    .option('--timeout <ms>', 'deadline of one attempt, headers and body; 0 off (default: 0, off)')
    .option('--headers-timeout <ms>', 'longest wait for the response headers; 0 off (default: 30000)')
    .option('--idle-timeout <ms>', 'longest silence between two body chunks; 0 off (default: 30000)')
    .option('-H, --header <line>', 'extra request header "Name: value" (repeatable)', collect);
}

/** `-d` and `--name`, shared by `get` and `check` so both find the same files. */
export function addFileOptions(command: Command): Command {
  return command
    .option('-d, --dir <dir>', 'download folder (default: the current folder)')
    .option(
      '--name <mode>',
      'file names: "url" (host/path under DIR) or "unique" (hash of the URL) (default: url)',
    );
}

/** `--quiet` and `--json`. */
export function addOutputOptions(command: Command, json: string): Command {
  return command.option('-q, --quiet', 'print nothing but errors').option('--json', json);
}

/** The input-file format, for help texts. */
export const INPUT_FORMAT = `
Input file (-i): one URL a line (tab-separated extra URLs are mirrors); blank lines and lines
starting with # are skipped. Indented lines under a URL apply to it (aria2 style):
  https://example.com/disk.iso
    out=images/disk.iso
    checksum=sha-256=<64 hex digits>
Times are in milliseconds.`;

/** The exit codes, for help texts. */
export const EXIT_CODES =
  'Exit codes: 0 all ok, 1 some failed, 2 usage error, 130 interrupted (Ctrl-C), 70 internal error (the run stopped with work unfinished).';

/** `--redis` and `--queue`: which distributed queue (`get --redis`, `worker`, `status`). */
export function addQueueOptions(command: Command, redis: string): Command {
  return command
    .option('--redis <url>', redis)
    .option('--queue <name>', "the queue's name, shared by producers and workers (default: drover)");
}
