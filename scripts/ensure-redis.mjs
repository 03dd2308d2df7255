// Makes sure `redis-server` can run before the tests (the @drover/redis and CLI queue tests start a
// real one). Installs Debian's package when it is missing and this user may (root, or sudo without a
// password); otherwise fails with a message that says how to install it.
import { spawnSync } from 'node:child_process';

const binary = process.env.REDIS_SERVER ?? 'redis-server';
const HINT =
  'redis-server is needed by the tests: install it with `sudo apt-get install -y redis-server` ' +
  '(Debian/Ubuntu; `brew install redis` on macOS), or set REDIS_SERVER to its path';

function present() {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.error === undefined && result.status === 0 ? result.stdout.trim() : undefined;
}

function run(command, args) {
  console.log(`ensure-redis: ${command} ${args.join(' ')}`);
  return spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function install() {
  const hasApt = spawnSync('apt-get', ['--version']).error === undefined;
  if (!hasApt) return false;
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!asRoot && !sudo) return false;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const apt = (args) =>
    asRoot ? run('apt-get', args) : run(prefix[0], [...prefix.slice(1), 'apt-get', ...args]);
  if (apt(['install', '-y', 'redis-server']).status === 0) return true;
  return apt(['update']).status === 0 && apt(['install', '-y', 'redis-server']).status === 0;
}

let version = present();
if (version === undefined && binary === 'redis-server' && install()) version = present();
if (version === undefined) {
  console.error(`ensure-redis: ${HINT}`);
  process.exit(1);
}
console.log(`ensure-redis: ${version}`);
