import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { canIsolateDns, isolatedDnsCommand } from '@drover/testkit';
import { EXIT } from '../src/usage-error.js';
import { listFiles, SOURCE_ARGS, tempDir } from './helpers.js';

/** What a finished process left, whatever its exit code. */
function runIsolated(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { command, args: argv } = isolatedDnsCommand('not-found', process.execPath, [
    ...SOURCE_ARGS,
    ...args,
  ]);
  return new Promise((resolve) => {
    execFile(
      command,
      [...argv],
      { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('drover get of an unknown host', {
  skip: canIsolateDns()
    ? false
    : 'needs `unshare --mount --net` (util-linux, as root) for a deterministic ENOTFOUND',
}, () => {
  it('fails after one attempt, at once, and says why', async (t) => {
    const dir = await tempDir(t);
    const started = Date.now();
    const result = await runIsolated(['get', 'http://no-such-host.invalid/x', '-d', dir], dir);
    assert.equal(result.code, EXIT.network, result.stderr);
    assert.match(
      result.stderr,
      /^drover: failed: GET http:\/\/no-such-host\.invalid\/x: host not found \(DNS: no such name\): .*ENOTFOUND.* \[ERR_DROVER_NETWORK, 1 attempt\]$/m,
    );
    assert.match(result.stdout, /0 written, 0 cached, 1 failed/);
    // The default strategy (BackOff, 10 attempts) would take minutes; a liveness bound, not a timing.
    assert.ok(Date.now() - started < 30_000);
    assert.deepEqual(await listFiles(dir), []);
  });
});
