/** What a password is replaced with. */
const MASK = '***';

/** Schemes whose authority also ends at `\` and may follow any number of slashes (WHATWG "special"). */
const SPECIAL = new Set(['http', 'https', 'ws', 'wss', 'ftp', 'file']);

/** The text with its password masked, found as the WHATWG parser finds it; the text itself when none. */
function maskPassword(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the parser skips leading controls, so does this
  const scheme = /^[\u0000-\u0020]*([A-Za-z][A-Za-z0-9+.-]*):/.exec(text);
  if (scheme === null) return text;
  const special = SPECIAL.has((scheme[1] ?? '').toLowerCase());
  let start = scheme[0].length;
  while (text[start] === '/' || (special && text[start] === '\\')) start++;
  // Without `//`, a URL of another scheme has no authority, so no password.
  if (!special && start - scheme[0].length < 2) return text;
  const rest = text.slice(start);
  const end = rest.search(special ? /[/\\?#]/ : /[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  const colon = authority.indexOf(':');
  if (at < 0 || colon < 0 || colon > at || colon + 1 === at) return text;
  return `${text.slice(0, start + colon + 1)}${MASK}${text.slice(start + at)}`;
}

/**
 * `url` as it may be shown or stored: the password of its user info replaced by `***`, everything
 * else as given (`http://alice:secret@host/x` → `http://alice:***@host/x`). Text that is not a valid
 * URL is masked the same way when it has the shape of one. Masking twice changes nothing.
 * drover renders every URL through this: error messages and `error.url`, `bundle.statusMsg`, and the
 * CLI's output and manifest. `bundle.url` itself keeps what was given.
 *
 * @example redactUrl('https://bob:hunter2@example.com/a?b=1') // 'https://bob:***@example.com/a?b=1'
 */
export function redactUrl(url: string | URL): string {
  const text = String(url);
  if (!text.includes('@')) return text;
  const masked = maskPassword(text);
  // Should the scan above and the parser ever disagree (tabs or newlines inside the URL), the parser wins.
  if (!URL.canParse(masked)) return masked;
  const parsed = new URL(masked);
  if (parsed.password === '' || parsed.password === MASK) return masked;
  parsed.password = MASK;
  return parsed.href;
}
