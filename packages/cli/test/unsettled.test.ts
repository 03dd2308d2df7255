import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../src/usage-error.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/unsettled.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

function fixture(mode: string) {
  return spawnSync(process.execPath, ['--import', TSX, '--conditions=source', FIXTURE, mode], {
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('failIfUnsettled (no silent exits)', { timeout: 60_000 }, () => {
  it('a promise nothing can settle: the message on stderr and exit 70, not a silent 13', () => {
    const result = fixture('never');
    assert.equal(result.status, EXIT.unsettled);
    assert.equal(EXIT.unsettled, 70);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^drover: internal error: the run stopped with work unfinished \(the fixture was still waiting for a result that nothing can deliver any more; please report this with the command line\)\n$/,
    );
  });

  it('a promise a timer settles later: no message, its own exit code', () => {
    const result = fixture('later');
    assert.equal(result.status, 3);
    assert.equal(result.stdout, 'settled with 3\n');
    assert.equal(result.stderr, '');
  });

  it('a settled promise: the guard is gone before the process ends', () => {
    const result = fixture('now');
    assert.equal(result.status, 0);
    assert.equal(result.stdout, 'settled with 0\n');
    assert.equal(result.stderr, '');
  });
});
