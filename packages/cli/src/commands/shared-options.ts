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
    .option('--timeout <duration>', 'deadline of one attempt, headers and body; 0 off (default: 0, off)')
    .option('--headers-timeout <duration>', 'longest wait for the response headers; 0 off (default: 30s)')
    .option('--idle-timeout <duration>', 'longest silence between two body chunks; 0 off (default: 30s)')
    .option('-H, --header <line>', 'extra request header "Name: value" (repeatable)', collect)
    .option('--connect-timeout <duration>', 'longest wait for a TCP/TLS connection; 0 off (default: 10s)')
    .option(
      '--retry-wait <duration>',
      'wait before a retry: the first step of backoff/jitter, every wait of lenient (default: 250ms; lenient 60s)',
    )
    .option('-u, --user <name:password>', 'HTTP Basic authentication (sent as an Authorization header)')
    .option(
      '--proxy <url>',
      'send every request through this HTTP proxy (default: HTTP_PROXY, HTTPS_PROXY, NO_PROXY)',
    )
    .option('--no-proxy', 'use no proxy, whatever HTTP_PROXY and HTTPS_PROXY say')
    .option('-k, --insecure', 'do not check TLS certificates (a server you trust with a self-signed one)')
    .option(
      '--ca-certificate <file>',
      'trust the certificate authorities of this PEM file instead of the bundled ones',
    );
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

/** How duration flags read, for help texts. */
export const DURATIONS =
  '\nDurations (every time flag, such as --timeout): 30s, 500ms, 2m, 1h, 1.5s; a bare number is\n' +
  'seconds (as for wget2, aria2c and curl: --timeout 30 is 30 s); 0 turns a timeout off.\n';

/** The input-file format, for help texts. */
export const INPUT_FORMAT = `
Input file (-i): one URL a line (tab-separated extra URLs are mirrors); blank lines and lines
starting with # are skipped. Indented lines under a URL apply to it (aria2 style):
  https://example.com/disk.iso
    out=images/disk.iso
    checksum=sha-256=<64 hex digits>
    dir=images                       (a folder of -d)
    header=Authorization: Bearer T   (repeatable)
    user-agent=my-tool/1.0`;

/** The exit codes by cause, for help texts. */
export const EXIT_CODES = `Exit codes, by cause (as wget2's): 0 all ok, 1 generic failure, 2 usage error, 3 file system
(I/O), 4 network (DNS, refused, reset, timeout), 5 TLS, 6 auth (401, 407), 7 protocol (redirects,
bad responses), 8 server error (other HTTP errors), 9 checksum mismatch, 69 @drover/redis not
installed, 70 internal error (the run stopped with work unfinished), 130 interrupted (Ctrl-C).
When URLs fail for different causes, the lowest code from 2 to 9 wins (1 only when none applies).`;

/** `--redis` and `--queue`: which distributed queue (`get --redis`, `worker`, `status`). */
export function addQueueOptions(command: Command, redis: string): Command {
  return command
    .option('--redis <url>', redis)
    .option('--queue <name>', "the queue's name, shared by producers and workers (default: drover)");
}
