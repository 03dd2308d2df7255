// Makes sure `redis-server` can run before the tests (the @drover/redis and CLI queue tests start a
// real one). Installs Debian's package when it is missing and this user may (root, or sudo without a
// password); otherwise fails with a message that says how to install it.
import { spawnSync } from 'node:child_process';
import { aptInstall } from './apt-install.mjs';

const binary = process.env.REDIS_SERVER ?? 'redis-server';
const HINT =
  'redis-server is needed by the tests: install it with `sudo apt-get install -y redis-server` ' +
  '(Debian/Ubuntu; `brew install redis` on macOS), or set REDIS_SERVER to its path';

function present() {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.error === undefined && result.status === 0 ? result.stdout.trim() : undefined;
}

let version = present();
if (version === undefined && binary === 'redis-server' && aptInstall('ensure-redis', ['redis-server']))
  version = present();
if (version === undefined) {
  console.error(`ensure-redis: ${HINT}`);
  process.exit(1);
}
console.log(`ensure-redis: ${version}`);
