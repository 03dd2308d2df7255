import assert from 'node:assert/strict';
import { test } from 'node:test';
import { figure, median, range, ratio } from '../src/stats.js';
import { urlOf } from '../src/url-set.js';

test('median takes the middle value, or the mean of the middle two', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('range, ratio and figure format what the tables show', () => {
  assert.deepEqual(range([3, 1, 2]), { min: 1, max: 3 });
  assert.equal(ratio(50, 100), '×0.50');
  assert.equal(ratio(50, 0), '');
  assert.equal(ratio(undefined, 1), '');
  assert.equal(figure(12345.6), '12 346');
  assert.equal(figure(12.34), '12.3');
  assert.equal(figure(1.234), '1.23');
  assert.equal(figure(undefined), 'n/a');
});

test('urlOf pads the index into the template, or repeats a template without {i}', () => {
  assert.equal(urlOf({ template: 'http://h/small/f{i}.bin', pad: 5 }, 42), 'http://h/small/f00042.bin');
  assert.equal(urlOf({ template: 'http://h/large.bin', pad: 0 }, 7), 'http://h/large.bin');
});
