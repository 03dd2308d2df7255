import { Command, CommanderError } from 'commander';
import { addCheckCommand } from './commands/check-command.js';
import { addFetchCommand } from './commands/fetch-command.js';
import { addGetCommand } from './commands/get-command.js';
import { addStatusCommand } from './commands/status-command.js';
import { addWorkerCommand } from './commands/worker-command.js';
import { EXIT } from './exit-codes.js';
import { type Io, processIo } from './io.js';
import { MissingPackageError } from './optional-package.js';
import { UsageError } from './usage-error.js';
import { version } from './version.js';

function createProgram(io: Io, done: (code: number) => void): Command {
  const program = new Command('drover')
    .description('Download, fetch and check many HTTP resources at once, reliably and fast.')
    .version(version(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`drover: ${text.replace(/^error: /, '')}`),
    })
    .addHelpText('after', '\nRun "drover <command> --help" for the flags and examples of each command.');
  addGetCommand(program, io, done);
  addFetchCommand(program, io, done);
  addCheckCommand(program, io, done);
  addWorkerCommand(program, io, done);
  addStatusCommand(program, io, done);
  return program;
}

/**
 * Run the `drover` command line with `argv` (without the node and script paths) and resolve with
 * the exit code, by cause (see {@link EXIT}): 0 all ok, 1 generic failure, 2 usage error, 3 file
 * system, 4 network, 5 TLS, 6 auth, 7 protocol, 8 server error, 9 checksum, 69 a missing optional
 * package, 130 interrupted.
 *
 * @example process.exitCode = await run(['get', 'https://example.com/a.zip', '-d', 'out']);
 */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(io, (result) => {
    code = result;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    // Commander already printed its message (or the help, or the version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      io.stderr.write(`drover: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof MissingPackageError) {
      io.stderr.write(`drover: ${error.message}\n`);
      return EXIT.unavailable;
    }
    throw error;
  }
}
