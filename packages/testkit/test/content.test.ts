import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import { crc32OfZeros } from '../src/gzip-zeros.js';
import { BLOCK_SIZE, fileContent, fileEtag, fileLastModified } from '../src/index.js';
import { ifRangeMatches, isNotModified, parseRange } from '../src/range.js';

test('fileContent is deterministic, path-dependent and size-prefix-stable', () => {
  const a = fileContent('/files/a.bin', 200_000);
  assert.equal(a.length, 200_000);
  assert.deepEqual(fileContent('/files/a.bin', 200_000), a);
  assert.notDeepEqual(fileContent('/files/b.bin', 200_000), a);
  assert.deepEqual(fileContent('/files/a.bin', 10), a.subarray(0, 10));
  assert.deepEqual(a.subarray(BLOCK_SIZE, BLOCK_SIZE + 100), a.subarray(0, 100));
  assert.equal(fileContent('/x', 0).length, 0);
});

test('fileEtag is strong, quoted and depends on path and size', () => {
  const tag = fileEtag('/files/a.bin', 10);
  assert.match(tag, /^"[0-9a-f]+"$/);
  assert.equal(fileEtag('/files/a.bin', 10), tag);
  assert.notEqual(fileEtag('/files/a.bin', 11), tag);
  assert.notEqual(fileEtag('/files/b.bin', 10), tag);
});

test('fileLastModified is a fixed whole-second date in the past', () => {
  const date = fileLastModified('/files/a.bin');
  assert.equal(date.getTime() % 1000, 0);
  assert.ok(date.getTime() < Date.UTC(2024, 0, 1));
  assert.equal(fileLastModified('/files/a.bin').getTime(), date.getTime());
});

test('parseRange handles the three single-range forms and edge cases', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { kind: 'range', start: 0, end: 10 });
  assert.deepEqual(parseRange('bytes=90-', 100), { kind: 'range', start: 90, end: 100 });
  assert.deepEqual(parseRange('bytes=-10', 100), { kind: 'range', start: 90, end: 100 });
  assert.deepEqual(parseRange('bytes=-500', 100), { kind: 'range', start: 0, end: 100 });
  assert.deepEqual(parseRange('bytes=50-5000', 100), { kind: 'range', start: 50, end: 100 });
  assert.deepEqual(parseRange('bytes=100-', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=-0', 100), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange('bytes=0-', 0), { kind: 'unsatisfiable' });
  assert.deepEqual(parseRange(undefined, 100), { kind: 'none' });
  assert.deepEqual(parseRange('bytes=5-1', 100), { kind: 'none' });
  assert.deepEqual(parseRange('bytes=0-1,5-6', 100), { kind: 'none' });
  assert.deepEqual(parseRange('items=0-1', 100), { kind: 'none' });
});

test('conditional helpers compare validators as RFC 9110 says', () => {
  const date = new Date(Date.UTC(2023, 5, 1));
  assert.equal(isNotModified('"a"', undefined, '"a"', date), true);
  assert.equal(isNotModified('W/"a", "b"', undefined, '"a"', date), true);
  assert.equal(isNotModified('"b"', date.toUTCString(), '"a"', date), false);
  assert.equal(isNotModified('*', undefined, '"a"', date), true);
  assert.equal(isNotModified(undefined, date.toUTCString(), '"a"', date), true);
  assert.equal(isNotModified(undefined, new Date(date.getTime() - 1000).toUTCString(), '"a"', date), false);
  assert.equal(ifRangeMatches('"a"', '"a"', date), true);
  assert.equal(ifRangeMatches('W/"a"', '"a"', date), false);
  assert.equal(ifRangeMatches(date.toUTCString(), '"a"', date), true);
  assert.equal(ifRangeMatches(new Date(date.getTime() + 1000).toUTCString(), '"a"', date), false);
});

test('crc32OfZeros matches zlib', () => {
  for (const n of [0, 1, 3, 1000, 65_536, 1_048_577]) assert.equal(crc32OfZeros(n), crc32(Buffer.alloc(n)));
});
