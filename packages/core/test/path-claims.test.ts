import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bundle } from '@drover/core';
import { PathClaims } from '../src/path-claims.js';

// Issue #10, case 17: memory stays flat over any number of bundles through one coordinator.
describe('PathClaims', () => {
  it('remembers a bounded number of released paths, however many went through', () => {
    const claims = new PathClaims();
    for (let i = 0; i < 300_000; i++) {
      const bundle = new Bundle(`http://127.0.0.1/${i}`);
      const path = `/home/${i}`;
      assert.equal(claims.claim(path, bundle).kind, 'owner');
      claims.release(path, bundle);
    }
    assert.deepEqual(claims.size, { active: 0, remembered: 65_536, recent: 4096 });
  });

  it('owner, duplicate, conflict', async () => {
    const claims = new PathClaims();
    const a = new Bundle('http://127.0.0.1/a');
    const twin = new Bundle('http://127.0.0.1/a');
    const b = new Bundle('http://127.0.0.1/b');
    assert.equal(claims.claim('/p', a).kind, 'owner');
    const dup = claims.claim('/p', twin);
    assert.equal(dup.kind, 'duplicate');
    assert.deepEqual(claims.claim('/p', b), { kind: 'conflict', claimedBy: a.url });
    claims.release('/p', twin);
    assert.equal(claims.size.active, 1, 'only the owner releases a path');
    claims.release('/p', a);
    if (dup.kind === 'duplicate') await dup.settled;
    assert.deepEqual(claims.claim('/p', b), { kind: 'conflict', claimedBy: a.url });
    assert.equal(claims.claim('/p', twin).kind, 'owner');
  });
});
