import { run } from './cli.js';
import { failIfUnsettled } from './unsettled.js';

// A reader that went away (`drover fetch … | head -1`) ends the run quietly, as SIGPIPE would.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(141);
  throw error;
});

let code: number;
try {
  const argv = process.argv.slice(2);
  code = await failIfUnsettled(run(argv), `drover ${argv[0] ?? ''}`.trim());
} catch (error) {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`drover: internal error: ${detail}\n`);
  code = 1;
}
// Exit explicitly: a standard input left unread after Ctrl-C would otherwise keep the process alive.
process.stdout.write('', () => process.exit(code));
