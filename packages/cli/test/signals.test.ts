import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { drover, listFiles, startCli, tempDir, useServer, waitFor } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/interrupt.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');
const hasProc = existsSync('/proc/self');

/** Run the interrupt fixture; resolves once it is listening. */
async function startFixture() {
  const child = spawn(process.execPath, ['--import', TSX, '--conditions=source', FIXTURE], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
  await waitFor(() => stdout.includes('ready\n'), 15_000);
  return { child, done, stdout: () => stdout };
}

// Issue #10: `drover get URL -d /proc/x` spun at 84 % CPU forever (Node's recursive mkdir loops
// where mkdir says ENOENT under an existing parent) and so the first SIGTERM never ended the run.
describe('an unwritable folder, and SIGTERM', { timeout: 90_000 }, () => {
  const kit = useServer();

  it('-d /proc/x fails at once with a FileSystemError naming URL and path, without a retry', {
    skip: !hasProc,
  }, async () => {
    const url = `${kit.url}/files/proc/a.bin?size=10`;
    const result = await drover(['get', url, '-d', '/proc/x']);
    assert.equal(result.code, 3, `${result.stdout}${result.stderr}`);
    assert.match(
      result.stderr,
      new RegExp(
        `failed: GET ${url.replace(/[?.]/g, '\\$&')}: cannot write /proc/x: ENOENT.* \\[ERR_DROVER_FILE_SYSTEM, 1 attempt\\]`,
      ),
    );
    assert.match(result.stdout, /0 written, 0 cached, 1 failed/);
    assert.equal(kit.server.requests('/files/proc/').length, 1);
  });

  it('--manifest under /proc is a usage error, not a hang', { skip: !hasProc }, async (t) => {
    const dir = await tempDir(t);
    const result = await drover([
      'get',
      `${kit.url}/files/proc/m.bin?size=10`,
      '-d',
      dir,
      '--manifest',
      '/proc/x/run.jsonl',
    ]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /^drover: --manifest cannot write "\/proc\/x\/run\.jsonl": ENOENT/m);
    assert.equal(kit.server.requests('/files/proc/m.bin').length, 0);
  });

  it('SIGTERM stops a download in flight as SIGINT does: summary, no part file, exit 130', async (t) => {
    const dir = await tempDir(t);
    const url = `${kit.url}/drip?size=1000000&chunk=1000&interval=50&sigterm`;
    const cli = startCli(['get', url, '-d', dir]);
    await waitFor(
      () => kit.server.requests('/drip').some((entry) => entry.path.endsWith('&sigterm')),
      15_000,
    );
    // The handlers are installed before the first request.
    cli.child.kill('SIGTERM');
    const result = await cli.done;
    assert.equal(result.code, 130, result.stderr);
    assert.match(result.stderr, /drover: stopping: no new downloads, aborting those in flight/);
    assert.match(result.stdout, /interrupted \(1 stopped in flight, 0 not started\)/);
    assert.deepEqual(await listFiles(dir), []);
  });

  it('a run that does not stop within the grace time after the first signal quits with 130', async () => {
    const fixture = await startFixture();
    fixture.child.kill('SIGTERM');
    const result = await fixture.done;
    assert.equal(result.code, 130);
    assert.equal(result.stdout, 'ready\naborted\n');
    assert.match(result.stderr, /drover: stopping: no new downloads/);
    assert.match(result.stderr, /hook ran\ndrover: still stopping after 0\.3 s: quit at once\n$/);
  });

  it('a second signal quits at once, running the hooks', async () => {
    const fixture = await startFixture();
    fixture.child.kill('SIGINT');
    await waitFor(() => fixture.stdout().includes('aborted\n'), 15_000);
    fixture.child.kill('SIGTERM');
    const result = await fixture.done;
    assert.equal(result.code, 130);
    assert.match(result.stderr, /hook ran\ndrover: quit at once\n$/);
  });
});
