/**
 * One URL component (the host, one path segment, or the query) written as text for a file name, so
 * that two components that are different URLs never give the same text. The rules and the argument
 * for why they are one-to-one are in docs/url-paths.md.
 */

/** Which part of the URL a piece of text comes from; each has its own characters to protect. */
export type UrlComponent = 'host' | 'segment' | 'query';

/** A component read as the WHATWG parser serialised it: literal characters, escaped bytes, stray `%`. */
type Token =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'byte'; readonly byte: number }
  | { readonly kind: 'stray' };

/** RFC 3986 unreserved characters: `%7E` and `~` are the same URL (§6.2.2.2), written `~`. */
const UNRESERVED = /^[A-Za-z0-9._~-]$/;

/**
 * Characters RFC 3986 never allows unescaped in a path or query, so their escape is their only real
 * spelling. They are written decoded, for reading; a literal one (which the WHATWG parser may leave,
 * and which newer parsers escape, like `^` since Node 22) counts as its escape.
 */
const SHOWN_DECODED = new Set([' ', '"', '#', '<', '>', '[', ']', '^', '`', '{', '|', '}']);

/** Characters RFC 3986 never allows unescaped that stay escaped in names: `\` is a separator on Windows. */
const KEPT_ESCAPED = new Set(['\\']);

/**
 * Characters a URL may hold literally that cannot be written as themselves: `/` (a query may hold
 * one) and `+` in a host (it separates the port). They are written `%%` and their hex code, a form
 * no escape takes; so is a `%` that starts no escape (`%%25`).
 */
const LITERAL_MARKED: Readonly<Record<UrlComponent, ReadonlySet<string>>> = {
  host: new Set(['/', '+']),
  segment: new Set(['/']),
  query: new Set(['/']),
};

/**
 * Non-ASCII code points kept escaped although valid: C1 controls and invisible or direction-changing
 * marks that would make two different names look the same. A fixed list, so the mapping does not
 * change with Node's Unicode tables.
 */
const HIDDEN: ReadonlyArray<readonly [number, number]> = [
  [0x80, 0xa0],
  [0xad, 0xad],
  [0x061c, 0x061c],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202f],
  [0x205f, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff0, 0xffff],
  [0xe0000, 0xe007f],
];

/** Second-byte ranges of well-formed UTF-8 by lead byte (Unicode Table 3-7); later bytes are 80–BF. */
function secondByteRange(lead: number): readonly [number, number, number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [0x80, 0xbf, 2];
  if (lead === 0xe0) return [0xa0, 0xbf, 3];
  if (lead === 0xed) return [0x80, 0x9f, 3];
  if (lead >= 0xe1 && lead <= 0xef) return [0x80, 0xbf, 3];
  if (lead === 0xf0) return [0x90, 0xbf, 4];
  if (lead >= 0xf1 && lead <= 0xf3) return [0x80, 0xbf, 4];
  if (lead === 0xf4) return [0x80, 0x8f, 4];
  return undefined;
}

/** The well-formed UTF-8 sequence of escaped bytes starting at `start`: its code point and length. */
function utf8At(tokens: readonly Token[], start: number): { point: number; length: number } | undefined {
  const byteAt = (i: number) => {
    const token = tokens[i];
    return token?.kind === 'byte' ? token.byte : -1;
  };
  const lead = byteAt(start);
  const range = secondByteRange(lead);
  if (range === undefined) return undefined;
  const [low, high, length] = range;
  let point = lead & (0xff >> (length + 1));
  for (let i = 1; i < length; i++) {
    const byte = byteAt(start + i);
    const [min, max] = i === 1 ? [low, high] : [0x80, 0xbf];
    if (byte < min || byte > max) return undefined;
    point = (point << 6) | (byte & 0x3f);
  }
  return { point, length };
}

function hidden(point: number): boolean {
  return HIDDEN.some(([low, high]) => point >= low && point <= high);
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

function utf8Bytes(char: string): Token[] {
  return [...Buffer.from(char, 'utf8')].map((byte) => ({ kind: 'byte', byte }));
}

/**
 * Read `text` as the parser serialised it. A literal character that RFC 3986 does not allow here
 * (non-ASCII, controls, {@link SHOWN_DECODED}, `\`, and `?` in a path segment) is read as its escape,
 * so both spellings are one URL.
 */
function tokenize(text: string, component: UrlComponent): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === '%') {
      const pair = text.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(pair)) {
        tokens.push({ kind: 'byte', byte: Number.parseInt(pair, 16) });
        i += 3;
      } else {
        tokens.push({ kind: 'stray' });
        i += 1;
      }
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    i += char.length;
    const code = char.codePointAt(0) ?? 0;
    const escapedOnly =
      component !== 'host' &&
      (code < 0x20 ||
        code >= 0x7f ||
        SHOWN_DECODED.has(char) ||
        KEPT_ESCAPED.has(char) ||
        (component === 'segment' && char === '?'));
    if (escapedOnly) tokens.push(...utf8Bytes(char));
    else tokens.push({ kind: 'char', char });
  }
  return tokens;
}

/**
 * `text` (one host, path segment or query, as `URL` serialises it) as file-name text:
 * - escapes of unreserved characters are decoded (`%7E` → `~`) and hex is upper-cased (`%3f` → `%3F`);
 * - escapes of space, `"`, `#`, `<`, `>`, `[`, `]`, `^`, `` ` ``, `{`, `|`, `}` and of readable
 *   non-ASCII text are decoded (`%20` → ` `, `%C3%A9` → `é`);
 * - every other escape stays as it is (`%3F`, `%40`, `%2F`, `%25`, `%5C`, `%00`, invalid UTF-8), so
 *   it never equals a literal `?`, `@`, `/` or `%`;
 * - a literal `%` that starts no escape, a literal `/`, and `+` in a host become `%%25`, `%%2F`, `%%2B`.
 *
 * The result never contains `/`, `\`, NUL, control characters, `%` except in the two forms `%HH`
 * and `%%HH`, and (in a path segment) `?`.
 */
export function encodeUrlComponent(text: string, component: UrlComponent): string {
  const tokens = tokenize(text, component);
  let out = '';
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as Token;
    if (token.kind === 'stray') {
      out += '%%25';
      i += 1;
    } else if (token.kind === 'char') {
      out += LITERAL_MARKED[component].has(token.char) ? `%%${hex(token.char.charCodeAt(0))}` : token.char;
      i += 1;
    } else if (token.byte >= 0x80) {
      const sequence = utf8At(tokens, i);
      if (sequence !== undefined && !hidden(sequence.point)) {
        out += String.fromCodePoint(sequence.point);
        i += sequence.length;
      } else {
        out += `%${hex(token.byte)}`;
        i += 1;
      }
    } else {
      const char = String.fromCharCode(token.byte);
      out += UNRESERVED.test(char) || SHOWN_DECODED.has(char) ? char : `%${hex(token.byte)}`;
      i += 1;
    }
  }
  return out;
}
