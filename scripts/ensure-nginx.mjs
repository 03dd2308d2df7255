// Makes sure `nginx` can run before the tests (the testkit's startNginx, used by the CLI's and the
// testkit's nginx tests, starts a real one). Installs Debian's nginx-light when it is missing and this
// user may (root, or sudo without a password); otherwise fails with a message that says how to install it.
// Debian keeps nginx in /usr/sbin, which a normal user's PATH may lack: that counts as present.
import { spawnSync } from 'node:child_process';
import { aptInstall } from './apt-install.mjs';

const HINT =
  'nginx is needed by the tests: install it with `sudo apt-get install -y nginx-light` ' +
  '(Debian/Ubuntu; `brew install nginx` on macOS), or set NGINX to its path';
const candidates = process.env.NGINX ? [process.env.NGINX] : ['nginx', '/usr/sbin/nginx'];

function present() {
  for (const binary of candidates) {
    // nginx prints its version on stderr.
    const result = spawnSync(binary, ['-v'], { encoding: 'utf8' });
    if (result.error === undefined && result.status === 0) return `${binary}: ${result.stderr.trim()}`;
  }
  return undefined;
}

let version = present();
if (
  version === undefined &&
  process.env.NGINX === undefined &&
  aptInstall('ensure-nginx', ['--no-install-recommends', 'nginx-light'])
)
  version = present();
if (version === undefined) {
  console.error(`ensure-nginx: ${HINT}`);
  process.exit(1);
}
console.log(`ensure-nginx: ${version}`);
