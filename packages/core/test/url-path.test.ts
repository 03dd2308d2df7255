import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { resolveInside, urlToRelativePath } from '@drover/core';

const cases: Array<[string, string]> = [
  ['http://a.com', 'a.com/index'],
  ['http://a.com/', 'a.com/index'],
  ['http://a.com/dir/', 'a.com/dir/index'],
  ['http://a.com/dir/file.txt', 'a.com/dir/file.txt'],
  ['http://a.com/file?b=2&a=1', 'a.com/file?b=2&a=1'],
  ['http://a.com/?q=1', 'a.com/index?q=1'],
  ['http://a.com/file#frag', 'a.com/file'],
  ['http://a.com:8080/x', 'a.com+8080/x'],
  ['https://a.com:443/x', 'a.com/x'],
  ['http://[::1]:9000/x', '[::1]+9000/x'],
];

describe('urlToRelativePath', () => {
  for (const [url, expected] of cases) {
    it(`maps ${url} to ${expected}`, () => {
      assert.equal(urlToRelativePath(url), expected.split('/').join(path.sep));
    });
  }

  it('keeps ports distinguishable', () => {
    assert.notEqual(urlToRelativePath('http://h:8080/a'), urlToRelativePath('http://h:8081/a'));
    assert.notEqual(urlToRelativePath('http://h:8080/a'), urlToRelativePath('http://h/a'));
  });

  it('keeps non-ASCII names readable and distinct', () => {
    assert.equal(urlToRelativePath('http://h/caf%C3%A9'), path.join('h', 'café'));
    assert.notEqual(urlToRelativePath('http://h/caf%C3%A9'), urlToRelativePath('http://h/cafe'));
    // NFC and NFD spellings are different URLs and stay different files.
    assert.notEqual(urlToRelativePath('http://h/caf\u00e9'), urlToRelativePath('http://h/cafe\u0301'));
  });

  const hostile = [
    'http://h/../../etc/passwd',
    'http://h/%2e%2e/%2E%2E/etc/passwd',
    'http://h/.%2e/.%2E/x',
    'http://h/a/..%2f..%2f..%2fetc',
    'http://h/a%5C..%5C..%5Cetc',
    'http://h/a\\..\\..\\etc',
    'http://h/%2F%2Fetc%2Fpasswd',
    'http://h//etc/passwd',
    'http://h/%00/x',
    'http://h/x?../../../y',
    'http://h/x?a=/../../b',
  ];
  for (const url of hostile) {
    it(`never leaves home for ${url}`, () => {
      const home = path.resolve('/srv/home');
      const relative = urlToRelativePath(url);
      const target = resolveInside(home, relative);
      assert.ok(target.startsWith(path.join(home, 'h') + path.sep), `${url} -> ${target}`);
      for (const segment of relative.split(path.sep)) {
        assert.notEqual(segment, '..');
        assert.notEqual(segment, '.');
        assert.ok(!segment.includes('\0'));
      }
    });
  }

  it('escapes separators hidden in segments instead of following them', () => {
    assert.equal(urlToRelativePath('http://h/a%2Fb'), path.join('h', 'a%2Fb'));
    assert.notEqual(urlToRelativePath('http://h/a%2Fb'), urlToRelativePath('http://h/a/b'));
    assert.notEqual(urlToRelativePath('http://h/a%252Fb'), urlToRelativePath('http://h/a%2Fb'));
  });

  it('shortens very long names with a hash, keeping them distinct', () => {
    const long1 = urlToRelativePath(`http://h/${'x'.repeat(300)}1`);
    const long2 = urlToRelativePath(`http://h/${'x'.repeat(300)}2`);
    assert.notEqual(long1, long2);
    for (const name of [long1, long2]) assert.ok(Buffer.byteLength(path.basename(name)) <= 255);
  });

  it('refuses non-http schemes', () => {
    assert.throws(() => urlToRelativePath('file:///etc/passwd'), /unsupported scheme/);
    assert.throws(() => urlToRelativePath('ftp://h/x'), /unsupported scheme/);
  });

  it('resolveInside refuses escapes', () => {
    assert.throws(() => resolveInside('/srv/home', '../x'), RangeError);
    assert.throws(() => resolveInside('/srv/home', '/etc/passwd'), RangeError);
    assert.throws(() => resolveInside('/srv/home', '.'), RangeError);
  });
});
