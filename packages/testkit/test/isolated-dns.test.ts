import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { canIsolateDns, isolatedDnsCommand, type LookupFailure } from '../src/index.js';

const run = promisify(execFile);
const LOOKUP = "require('node:dns').lookup(process.argv[1], (e) => console.log(e ? e.code : 'resolved'))";

test('an isolated process fails every name lookup the same way, and the machine keeps its files', {
  skip: canIsolateDns() ? false : 'needs `unshare --mount --net` (util-linux, as root)',
}, async () => {
  const before = await readFile('/etc/resolv.conf', 'utf8');
  const expected: Record<LookupFailure, string> = { 'not-found': 'ENOTFOUND', unreachable: 'EAI_AGAIN' };
  for (const [failure, code] of Object.entries(expected) as Array<[LookupFailure, string]>) {
    const { command, args } = isolatedDnsCommand(failure, process.execPath, [
      '-e',
      LOOKUP,
      'no-such-host.invalid',
    ]);
    const { stdout } = await run(command, [...args], { timeout: 20_000 });
    assert.equal(stdout.trim(), code, failure);
    const local = isolatedDnsCommand(failure, process.execPath, ['-e', LOOKUP, 'localhost']);
    assert.equal((await run(local.command, [...local.args], { timeout: 20_000 })).stdout.trim(), 'resolved');
  }
  assert.equal(await readFile('/etc/resolv.conf', 'utf8'), before);
});
