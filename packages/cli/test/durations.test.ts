import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from '../src/cli.js';
import { EXIT } from '../src/exit-codes.js';
import { drover, memoryIo, tempDir, useServer } from './helpers.js';

/** `get URL` into a fresh folder with one attempt and the given flags. */
async function get(t: { after(fn: () => Promise<void>): void }, url: string, ...flags: string[]) {
  const dir = await tempDir(t);
  return drover(['get', url, '-d', dir, '--attempts', '1', ...flags]);
}

// Issue #13: time flags take units, and a bare number is seconds, as for wget2, aria2c and curl
// (`--timeout 30` used to be 30 ms). The library keeps milliseconds: the errors below say "ms".
describe('duration flags', { timeout: 60_000 }, () => {
  const kit = useServer();
  const slow = () => `${kit.url}/slow-headers?delay=5000&size=10`;

  it('--headers-timeout takes ms, and a bare number as seconds', async (t) => {
    for (const value of ['300ms', '0.3', '0.3s', '.3']) {
      const result = await get(t, slow(), '--headers-timeout', value);
      assert.equal(result.code, EXIT.network, `${value}: ${result.stderr}`);
      assert.match(
        result.stderr,
        /headers timeout of 300 ms exceeded \[ERR_DROVER_TIMEOUT, 1 attempt\]/,
        value,
      );
    }
  });

  it('a bare 2 is two seconds, not two milliseconds: headers after 0.3 s arrive in time', async (t) => {
    for (const value of ['2', '1m', '1h']) {
      const result = await get(
        t,
        `${kit.url}/slow-headers?delay=300&size=10&v=${value}`,
        '--headers-timeout',
        value,
      );
      assert.equal(result.code, EXIT.ok, `${value}: ${result.stderr}`);
    }
  });

  it('--idle-timeout and --timeout take the same units', async (t) => {
    const stalled = await get(t, `${kit.url}/stall?size=1000&after=100`, '--idle-timeout', '0.2');
    assert.equal(stalled.code, EXIT.network, stalled.stderr);
    assert.match(stalled.stderr, /idle timeout of 200 ms exceeded/);
    const dripping = `${kit.url}/drip?size=20000&chunk=100&interval=50`;
    const total = await get(t, dripping, '--timeout', '250ms');
    assert.equal(total.code, EXIT.network, total.stderr);
    assert.match(total.stderr, /total timeout of 250 ms exceeded/);
  });

  it('0 in any unit turns a timeout off', async (t) => {
    for (const value of ['0', '0s', '0ms']) {
      const result = await get(
        t,
        `${kit.url}/drip?size=400&chunk=100&interval=20&v=${value}`,
        '--timeout',
        value,
      );
      assert.equal(result.code, EXIT.ok, `${value}: ${result.stderr}`);
    }
  });

  it('fetch and check read them the same way', async (t) => {
    const fetched = await drover(['fetch', slow(), '--attempts', '1', '--headers-timeout', '0.25']);
    assert.equal(fetched.code, EXIT.network, fetched.stderr);
    assert.match(fetched.stderr, /headers timeout of 250 ms exceeded/);
    const dir = await tempDir(t);
    const checked = await drover([
      'check',
      slow(),
      '-d',
      dir,
      '--attempts',
      '1',
      '--headers-timeout',
      '250ms',
    ]);
    assert.equal(checked.code, EXIT.network, checked.stdout + checked.stderr);
    assert.match(checked.stdout, /remote=unknown \(.*headers timeout of 250 ms exceeded\)/);
  });

  it('a bad duration is a usage error naming the flag and the value, before any request', async () => {
    const before = kit.server.log.length;
    const result = await drover(['get', `${kit.url}/files/never.bin`, '--idle-timeout', '30sec']);
    assert.equal(result.code, EXIT.usage);
    assert.equal(
      result.stderr,
      'drover: --idle-timeout expects a duration such as 30s, 500ms, 2m or 1h (a bare number is seconds), got "30sec"\n',
    );
    assert.equal(kit.server.log.length, before);
  });
});

/** Command lines whose duration is refused (run in-process), with the message expected. */
const BAD: ReadonlyArray<readonly [args: string[], message: RegExp]> = [
  [
    ['get', 'http://x/', '--timeout', '-1'],
    /^drover: --timeout expects a duration such as 30s, .*, got "-1"$/m,
  ],
  [['get', 'http://x/', '--timeout', '1e3'], /--timeout expects a duration .*, got "1e3"/],
  [['get', 'http://x/', '--timeout', '10 s'], /--timeout expects a duration .*, got "10 s"/],
  [['get', 'http://x/', '--timeout', '1.5.2s'], /--timeout expects a duration .*, got "1.5.2s"/],
  [['get', 'http://x/', '--timeout', '2d'], /--timeout expects a duration .*, got "2d"/],
  [['get', 'http://x/', '--timeout', '1S'], /--timeout expects a duration .*, got "1S"/],
  [['get', 'http://x/', '--timeout', '0.0001s'], /--timeout expects at least 1ms \(or 0\), got "0.0001s"/],
  [['fetch', 'http://x/', '--headers-timeout', 's'], /--headers-timeout expects a duration .*, got "s"/],
  [['check', 'http://x/', '--idle-timeout', '1.'], /--idle-timeout expects a duration .*, got "1."/],
  [
    ['worker', '--redis', 'redis://127.0.0.1:1', '--lock-duration', '50ms'],
    /--lock-duration expects a duration of at least 100ms, got "50ms"/,
  ],
  [
    ['worker', '--redis', 'redis://127.0.0.1:1', '--stalled-interval', '0'],
    /--stalled-interval expects a duration of at least 100ms, got "0"/,
  ],
];

describe('duration usage errors', { timeout: 60_000 }, () => {
  for (const [args, message] of BAD) {
    it(`exits 2 for: drover ${JSON.stringify(args)}`, async () => {
      const io = memoryIo();
      assert.equal(await run(args, io), EXIT.usage, io.err());
      assert.match(io.err(), message);
      assert.equal(io.out(), '');
    });
  }

  it("says how durations read in every command's --help", async () => {
    for (const command of ['get', 'fetch', 'check', 'worker']) {
      const io = memoryIo();
      assert.equal(await run([command, '--help'], io), EXIT.ok);
      assert.match(io.out(), /--timeout <duration>/, command);
      assert.match(io.out(), /Durations \(every time flag, such as --timeout\): 30s, 500ms, 2m, 1h/, command);
      assert.match(io.out(), /a bare number is\s+seconds/, command);
    }
  });
});
