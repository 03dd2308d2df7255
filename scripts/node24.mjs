// Runs `node <args>` on Node 24 fetched from the npm registry, so the suite is checked on the
// newest supported line as well as on the machine's own Node.
import { spawnSync } from 'node:child_process';

const args = ['--yes', '-p', 'node@24', 'node', ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit' });
if (result.error) {
  console.error(`cannot run Node 24 through npx: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
