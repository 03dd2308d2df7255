import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * How every name lookup fails in an isolated process:
 * - `not-found`: the host list is `/etc/hosts` only, so an unknown name is NXDOMAIN at once
 *   (getaddrinfo `EAI_NONAME`, which Node reports as `ENOTFOUND`);
 * - `unreachable`: names go to a DNS server on 127.0.0.1 in a network namespace whose loopback is
 *   down, so no server can be reached (`EAI_AGAIN`).
 */
export type LookupFailure = 'not-found' | 'unreachable';

/** A command line to spawn. */
export interface IsolatedCommand {
  readonly command: string;
  readonly args: readonly string[];
}

const NSSWITCH: Record<LookupFailure, string> = {
  'not-found': 'hosts: files\n',
  unreachable: 'hosts: files dns\n',
};
const RESOLV_CONF = 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n';

let folder: string | undefined;

function configFiles(failure: LookupFailure): readonly [nsswitch: string, resolvConf: string] {
  if (folder === undefined) {
    const dir = mkdtempSync(path.join(tmpdir(), 'drover-dns-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    for (const [name, text] of Object.entries(NSSWITCH)) writeFileSync(path.join(dir, `${name}.conf`), text);
    writeFileSync(path.join(dir, 'resolv.conf'), RESOLV_CONF);
    folder = dir;
  }
  return [path.join(folder, `${failure}.conf`), path.join(folder, 'resolv.conf')];
}

let supported: boolean | undefined;

/**
 * Whether {@link isolatedDnsCommand} works here: it needs util-linux `unshare` and the right to make
 * mount and network namespaces (root, as on drover's machines and CI).
 */
export function canIsolateDns(): boolean {
  supported ??= spawnSync('unshare', ['--mount', '--net', 'true'], { stdio: 'ignore' }).status === 0;
  return supported;
}

/**
 * `command args` in its own mount and network namespace, where `/etc/nsswitch.conf` and
 * `/etc/resolv.conf` are replaced so that every lookup of a name not in `/etc/hosts` fails the way
 * `failure` says, deterministically and without a packet leaving the process's empty network. The
 * machine's own files are untouched (the bind mounts are private to the namespace).
 *
 * @example
 * ```ts
 * const { command, args } = isolatedDnsCommand('not-found', process.execPath, ['-e', "require('dns').lookup('x.invalid', console.log)"]);
 * ```
 */
export function isolatedDnsCommand(
  failure: LookupFailure,
  command: string,
  args: readonly string[],
): IsolatedCommand {
  const [nsswitch, resolvConf] = configFiles(failure);
  const script =
    'mount --bind "$1" /etc/nsswitch.conf && mount --bind "$2" /etc/resolv.conf && shift 2 && exec "$@"';
  return {
    command: 'unshare',
    args: ['--mount', '--net', 'sh', '-c', script, 'sh', nsswitch, resolvConf, command, ...args],
  };
}
