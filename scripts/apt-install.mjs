// Installs Debian packages for the test command's ensure-* scripts, when this user may (root, or sudo
// without a password). Returns whether the install ran and succeeded; never throws.
import { spawnSync } from 'node:child_process';

/** `apt-get install -y PACKAGES` (after an `apt-get update` if the first try fails), logged as `tag:`. */
export function aptInstall(tag, packages) {
  const run = (command, args) => {
    console.log(`${tag}: ${command} ${args.join(' ')}`);
    return spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  };
  if (spawnSync('apt-get', ['--version']).error !== undefined) return false;
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!asRoot && !sudo) return false;
  const apt = (args) => (asRoot ? run('apt-get', args) : run('sudo', ['-n', 'apt-get', ...args]));
  const get = ['install', '-y', ...packages];
  if (apt(get).status === 0) return true;
  return apt(['update']).status === 0 && apt(get).status === 0;
}
