// Runs `node <args>` on Node 24 fetched from the npm registry, so the suite is checked on the
// newest supported line as well as on the machine's own Node.
import { spawnSync } from 'node:child_process';

function node24(args, options) {
  return spawnSync('npx', ['--yes', '-p', 'node@24', 'node', ...args], options);
}

const version = node24(['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0 || !version.stdout.startsWith('v24.')) {
  console.error(
    `cannot run Node 24 through npx: ${version.error?.message ?? version.stderr ?? version.stdout}`,
  );
  process.exit(1);
}
console.log(`running on Node ${version.stdout.trim()}`);
const result = node24(process.argv.slice(2), { stdio: 'inherit' });
process.exit(result.status ?? 1);
