import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { urlToRelativePath } from '@drover/core';

// The mapping's promise, checked from outside: two URLs get one path only when they are one URL
// under the equivalences docs/url-paths.md lists. `identity` below computes that from the spec (not
// from the implementation), and `decodePath` reads a path back to the same identity, which proves
// the mapping one-to-one on every URL generated here.

type Component = 'host' | 'segment' | 'query';

/** `c:x` a literal character, `b:HH` an escaped byte, `s` a `%` that starts no escape. */
type Tokens = string[];

interface Identity {
  readonly host: Tokens;
  readonly port: string;
  readonly segments: Tokens[];
  readonly query: Tokens | null;
}

const UNRESERVED = /^[A-Za-z0-9._~-]$/;
/** RFC 3986 never allows these unescaped in a path or query: a literal one is its escape. */
const NEVER_LITERAL = new Set([' ', '"', '#', '<', '>', '[', ']', '^', '`', '{', '|', '}', '\\']);
/** Of those, the ones a file name shows decoded. */
const SHOWN = new Set([...NEVER_LITERAL].filter((char) => char !== '\\'));

function bytesOf(char: string): Tokens {
  return [...Buffer.from(char, 'utf8')].map(
    (byte) => `b:${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** The tokens of one component as the WHATWG parser serialised it, with RFC 3986's equivalences applied. */
function tokensOf(text: string, component: Component): Tokens {
  const tokens: Tokens = [];
  for (const match of text.matchAll(/%[0-9A-Fa-f]{2}|%|[\s\S]/gu)) {
    const piece = match[0];
    if (piece === '%') tokens.push('s');
    else if (piece.startsWith('%')) {
      const char = String.fromCharCode(Number.parseInt(piece.slice(1), 16));
      tokens.push(UNRESERVED.test(char) ? `c:${char}` : `b:${piece.slice(1).toUpperCase()}`);
    } else {
      const code = piece.codePointAt(0) ?? 0;
      const escapedOnly =
        component !== 'host' &&
        (code < 0x20 ||
          code >= 0x7f ||
          NEVER_LITERAL.has(piece) ||
          (component === 'segment' && piece === '?'));
      tokens.push(...(escapedOnly ? bytesOf(piece) : [`c:${piece}`]));
    }
  }
  return tokens;
}

/** What names a file: host, port, path segments and query; not the scheme, user info or fragment. */
function identity(url: URL): Identity {
  const beforeFragment = url.href.split('#', 1)[0] ?? '';
  return {
    host: tokensOf(url.hostname, 'host'),
    port: url.port,
    segments: url.pathname
      .split('/')
      .slice(1)
      .map((segment) => tokensOf(segment, 'segment')),
    query: url.search !== '' || beforeFragment.endsWith('?') ? tokensOf(url.search.slice(1), 'query') : null,
  };
}

/** Read one file-name text back to tokens; throws on anything the mapping must never write. */
function decodeText(text: string, component: Component): Tokens {
  const tokens: Tokens = [];
  for (const match of text.matchAll(/%%[0-9A-F]{2}|%[0-9A-F]{2}|%|[\s\S]/gu)) {
    const piece = match[0];
    if (piece.startsWith('%%')) {
      const char = String.fromCharCode(Number.parseInt(piece.slice(2), 16));
      const allowed = char === '%' || char === '/' || (component === 'host' && char === '+');
      assert.ok(allowed, `unexpected ${piece} in ${JSON.stringify(text)}`);
      tokens.push(char === '%' ? 's' : `c:${char}`);
    } else if (piece.startsWith('%')) {
      assert.ok(piece.length === 3, `bare % in ${JSON.stringify(text)}`);
      const char = String.fromCharCode(Number.parseInt(piece.slice(1), 16));
      assert.ok(!UNRESERVED.test(char) && !SHOWN.has(char), `${piece} should be decoded`);
      tokens.push(`b:${piece.slice(1)}`);
    } else {
      assert.ok(piece !== '/' && piece !== '\\' && piece !== '\0', `${piece} in a name`);
      assert.ok(!(component === 'host' && piece === '+'), '+ in a host name');
      const code = piece.codePointAt(0) ?? 0;
      const asEscape = component !== 'host' && (code >= 0x80 || SHOWN.has(piece));
      tokens.push(...(asEscape ? bytesOf(piece) : [`c:${piece}`]));
    }
  }
  return tokens;
}

/** Undo the `%2E` of names drover keeps for itself (`.`, `..`, `.drover`, `*.part`, `*.part.json`). */
function ownName(name: string): string {
  if (name === '%2E' || name === '%2E%2E' || name === '%2Edrover') return name.replaceAll('%2E', '.');
  return name.replace(/%2E(part|part\.json)$/, '.$1');
}

/** The identity a relative path stands for; `undefined` for shortened names, which cannot be read back. */
function decodePath(relative: string): Identity | undefined {
  if (relative.includes('%~')) return undefined;
  const [rawFolder = '', ...rawNames] = relative.split(path.sep);
  const folder = ownName(rawFolder);
  const names = rawNames.map(ownName);
  const plus = folder.lastIndexOf('+');
  const port = plus >= 0 ? folder.slice(plus + 1) : '';
  assert.ok(plus < 0 || /^\d+$/.test(port), `bad port in ${folder}`);
  const host = decodeText(plus >= 0 ? folder.slice(0, plus) : folder, 'host');
  const lastName = names.pop() ?? '';
  const question = lastName.indexOf('?');
  const last = question >= 0 ? lastName.slice(0, question) : lastName;
  const query = question >= 0 ? decodeText(lastName.slice(question + 1), 'query') : null;
  const segments = names.map((name) => (name === '%' ? [] : decodeText(name, 'segment')));
  segments.push(
    last === 'index' ? [] : last === '%69ndex' ? tokensOf('index', 'segment') : decodeText(last, 'segment'),
  );
  return { host, port, segments, query };
}

/** mulberry32: small, seeded, the same sequence on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = [
  '.drover',
  'a.part',
  'x.part.json',
  'a',
  'h.example',
  'a+8080',
  'A',
  'xn--caf-dma',
  'café',
  '127.0.0.1',
  '[::1]',
  '..',
  '.',
  'a%2B1',
  'a_b',
];
const PORTS = ['', '', ':8080', ':80', ':443', ':1'];
// biome-ignore format: one table of pieces reads better than one per line
const PIECES = [
  'a', 'b.bin', 'index', '%69ndex', 'Index', '', '%', '%25', '%zz', '%2', '%2F', '%2f', '/', '?', '%3F', '%3f',
  '@', '%40', '+', '%2B', ':', '%3A', '~', '%7E', '%7e', '.', '..', '%2E', '%2e%2E', ' ', '%20', '#', '%23', '^',
  '%5E', '|', '%7C', '[', '%5B', '\\', '%5C', 'é', '%C3%A9', '%c3%a9', '%C3', '%FF', '%E2%80%AE', '\u202e',
  '%00', '%0A', '"', '%22', '{', "'", '%27', '*', ';', '=', '&', '%26', '%%41', '%%', 'x'.repeat(90), 'é'.repeat(60),
  '.drover', '%2Edrover', 'a.part', '.part', 'a%2Epart', 'b.part.json', '.json',
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function generate(next: () => number): string {
  const scheme = next() < 0.5 ? 'http' : 'https';
  const userinfo = next() < 0.1 ? 'alice:pw@' : '';
  const parts = Array.from({ length: 1 + Math.floor(next() * 4) }, () => pick(next, PIECES));
  let url = `${scheme}://${userinfo}${pick(next, HOSTS)}${pick(next, PORTS)}/${parts.join('/')}`;
  if (next() < 0.4)
    url += `?${Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(next, PIECES)).join('')}`;
  if (next() < 0.1) url += next() < 0.5 ? '#frag' : '#';
  return url;
}

const COUNT = 6000;

describe('urlToRelativePath is one-to-one', () => {
  it(`on ${COUNT} generated URLs (seed 10): equal paths only for one identity, and each path reads back`, () => {
    const next = random(10);
    const byPath = new Map<string, { url: string; key: string }>();
    const byKey = new Map<string, { url: string; path: string }>();
    let readBack = 0;
    for (let i = 0; i < COUNT; i++) {
      const text = generate(next);
      if (!URL.canParse(text)) continue;
      const url = new URL(text);
      const relative = urlToRelativePath(url);
      const key = JSON.stringify(identity(url));
      const decoded = decodePath(relative);
      if (decoded !== undefined) {
        assert.equal(JSON.stringify(decoded), key, `${text} -> ${relative} does not read back`);
        readBack++;
      }
      const samePath = byPath.get(relative);
      assert.ok(
        samePath === undefined || samePath.key === key,
        `${samePath?.url} and ${text} share ${relative}`,
      );
      byPath.set(relative, { url: text, key });
      const sameKey = byKey.get(key);
      assert.ok(
        sameKey === undefined || sameKey.path === relative,
        `${sameKey?.url} and ${text}: one URL, two paths`,
      );
      byKey.set(key, { url: text, path: relative });
    }
    // The generator must exercise the mapping: most URLs parse, many repeat an identity, most read back.
    assert.ok(byPath.size > COUNT / 2, `only ${byPath.size} distinct paths`);
    assert.ok(readBack > COUNT / 2, `only ${readBack} paths read back`);
  });

  it('distinguishes every pair of single tricky segments', () => {
    const urls = PIECES.flatMap((a) => PIECES.map((b) => `http://h/${a}${b}`)).filter((u) => URL.canParse(u));
    const byPath = new Map<string, string>();
    for (const text of urls) {
      const url = new URL(text);
      const relative = urlToRelativePath(url);
      const key = JSON.stringify(identity(url));
      const seen = byPath.get(relative);
      assert.ok(seen === undefined || seen === key, `${text} collides at ${relative}`);
      byPath.set(relative, key);
    }
    assert.ok(byPath.size > 1000);
  });
});
