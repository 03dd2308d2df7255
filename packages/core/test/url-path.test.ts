import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PART_SUFFIX, resolveInside, urlToRelativePath } from '@drover/core';

/** The path, with `/` for the separator whatever the platform. */
function mapped(url: string): string {
  return urlToRelativePath(url).split(path.sep).join('/');
}

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
  ['http://a.com/caf%C3%A9', 'a.com/café'],
  ['http://a.com/My%20Report.pdf', 'a.com/My Report.pdf'],
  ['http://a.com/a%2Fb', 'a.com/a%2Fb'],
  ['http://a.com/a%2fb', 'a.com/a%2Fb'],
  ['http://a.com/%7Euser/', 'a.com/~user/index'],
  ['http://a.com/index', 'a.com/%69ndex'],
  ['http://a.com/index/x', 'a.com/index/x'],
  ['http://a.com/a//b', 'a.com/a/%/b'],
  ['http://a.com/x?', 'a.com/x?'],
  ['http://a.com/x?to=/a/b', 'a.com/x?to=%%2Fa%%2Fb'],
  ['http://a.com/x?to=%2Fa', 'a.com/x?to=%2Fa'],
  ['http://a.com/x?q=a%20b&r=%C3%A9', 'a.com/x?q=a b&r=é'],
  ['http://a.com/%E2%80%AEgnp.exe', 'a.com/%E2%80%AEgnp.exe'],
  ['http://a.com/%FF', 'a.com/%FF'],
  ['http://a.com/a.part', 'a.com/a%2Epart'],
  ['http://a.com/a.part.json', 'a.com/a%2Epart.json'],
  ['http://a.com/x?y.part', 'a.com/x?y%2Epart'],
  ['http://a.com/.drover/x.json', 'a.com/%2Edrover/x.json'],
  ['http://a.com/a.partial', 'a.com/a.partial'],
];

describe('urlToRelativePath', () => {
  for (const [url, expected] of cases) {
    it(`maps ${url} to ${expected}`, () => {
      assert.equal(urlToRelativePath(url), expected.split('/').join(path.sep));
    });
  }

  it('keeps ports distinguishable', () => {
    assert.notEqual(mapped('http://h:8080/a'), mapped('http://h:8081/a'));
    assert.notEqual(mapped('http://h:8080/a'), mapped('http://h/a'));
  });

  it('keeps non-ASCII names readable and distinct', () => {
    assert.equal(mapped('http://h/caf%C3%A9'), 'h/café');
    assert.notEqual(mapped('http://h/caf%C3%A9'), mapped('http://h/cafe'));
    // NFC and NFD spellings are different URLs and stay different files.
    assert.notEqual(mapped('http://h/caf\u00e9'), mapped('http://h/cafe\u0301'));
  });

  // Each pair mapped to one file before issue 10 (with skipCached, one was "cached" with the other's bytes).
  const reproduced: Array<[string, string]> = [
    ['http://h/file%3Fv=2', 'http://h/file?v=2'],
    ['http://h/a%zz.bin', 'http://h/a%25zz.bin'],
    ['http://a+8080/x', 'http://a:8080/x'],
    ['http://h/%40', 'http://h/@'],
    ['http://h/dir/', 'http://h/dir/index'],
    ['http://h/a//b', 'http://h/a/b'],
    ['http://h/x?a=/b', 'http://h/x?a=%2Fb'],
    ['http://h/x?', 'http://h/x'],
    ['http://h/x?q=%20', 'http://h/x?q=%2520'],
    ['http://h/%3A', 'http://h/:'],
    ['http://h/a%2Bb', 'http://h/a+b'],
  ];
  for (const [a, b] of reproduced) {
    it(`gives ${a} and ${b} two files`, () => {
      assert.notEqual(mapped(a), mapped(b));
    });
  }

  // Spellings that are one URL (WHATWG or RFC 3986 §6.2.2), or differ only where no file should.
  const same: Array<[string, string]> = [
    ['http://h/%7E', 'http://h/~'],
    ['http://h/%3f', 'http://h/%3F'],
    ['http://h/%41', 'http://h/A'],
    ['http://H/x', 'http://h/x'],
    ['http://h:80/x', 'http://h/x'],
    ['http://h/a/../b', 'http://h/b'],
    ['http://h/a^b', 'http://h/a%5Eb'],
    ['http://h/x#a', 'http://h/x#b'],
    ['http://alice:secret@h/x', 'http://h/x'],
    ['https://h/x', 'http://h/x'],
  ];
  for (const [a, b] of same) {
    it(`gives ${a} and ${b} one file`, () => {
      assert.equal(mapped(a), mapped(b));
    });
  }

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
    'http://h/x?a=\\..\\..\\b',
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
        assert.ok(!/[\\\0]/.test(segment), segment);
      }
    });
  }

  it("never names a file like drover's own: a part file, its sidecar, the .drover record folder", () => {
    for (const url of ['http://h/a', 'http://h/a?q=1', 'http://h/', 'http://h.part']) {
      const own = [`${mapped(url)}${PART_SUFFIX}`, `${mapped(url)}${PART_SUFFIX}.json`];
      const suffixed = new URL(url);
      if (suffixed.search !== '') suffixed.search += PART_SUFFIX;
      else suffixed.pathname += PART_SUFFIX;
      for (const other of [suffixed.href, `${suffixed.href}.json`])
        assert.ok(!own.includes(mapped(other)), other);
    }
    for (const url of ['http://h/.drover/a.json', 'http://.drover/x', 'http://h/a/.drover']) {
      assert.ok(!mapped(url).split('/').includes('.drover'), url);
    }
  });

  it('never names the host folder . or ..', () => {
    assert.equal(mapped('http://../x'), '%2E%2E/x');
    assert.equal(mapped('http://./x'), '%2E/x');
  });

  it('escapes separators hidden in segments instead of following them', () => {
    assert.equal(mapped('http://h/a%2Fb'), 'h/a%2Fb');
    assert.notEqual(mapped('http://h/a%2Fb'), mapped('http://h/a/b'));
    assert.notEqual(mapped('http://h/a%252Fb'), mapped('http://h/a%2Fb'));
  });

  it('shortens very long names with a hash, keeping them distinct and whole characters', () => {
    const long1 = mapped(`http://h/${'x'.repeat(300)}1`);
    const long2 = mapped(`http://h/${'x'.repeat(300)}2`);
    const accents = mapped(`http://h/${'é'.repeat(150)}?q=${'é'.repeat(150)}`);
    assert.notEqual(long1, long2);
    for (const name of [long1, long2, accents].map((p) => p.split('/').at(-1) ?? '')) {
      assert.ok(Buffer.byteLength(name) <= 200, name);
      assert.match(name, /%~[0-9a-f]{20}$/);
      assert.ok(!name.includes('\uFFFD'));
    }
    // A name that merely looks shortened is not confused with one that was.
    const lookalike = long1.split('/').at(-1) ?? '';
    assert.notEqual(mapped(`http://h/${encodeURIComponent(lookalike)}`), long1);
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
