import { redactUrl } from '../redact-url.js';

/** Statuses that send the client elsewhere with a `Location` header. */
const REDIRECTS = new Set([300, 301, 302, 303, 307, 308]);

/** Headers that carry credentials, dropped when a redirect leaves the origin (as browsers and axios do). */
const CREDENTIALS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** The request to send for the next hop. */
export interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Record<string, string>;
  /** Whether the request body goes along (307 and 308 keep it; the others turn into a GET). */
  readonly keepBody: boolean;
}

/** Why a redirect cannot be followed; the transport turns it into a `RedirectError`. */
export class RedirectRefused extends Error {
  override readonly name = 'RedirectRefused';
}

/** The `Location` a response points to, when it is a redirect. */
export function redirectLocation(status: number, headers: Record<string, unknown>): string | undefined {
  if (!REDIRECTS.has(status)) return undefined;
  const location = headers.location;
  return typeof location === 'string' && location !== '' ? location : undefined;
}

/**
 * The request that follows a redirect from `from` (RFC 9110 §15.4): 303 and a POST answered 301/302
 * become a GET without body or `Content-*` headers; other methods are repeated as they were.
 * Credentials (`Authorization`, including the one drover made from URL user info, `Cookie`,
 * `Proxy-Authorization`) stay behind when the origin changes. Refuses schemes other than http and https.
 */
export function nextHop(
  from: URL,
  method: string,
  headers: Readonly<Record<string, string>>,
  status: number,
  location: string,
): Hop {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    throw new RedirectRefused(`redirect to an invalid URL ${JSON.stringify(redactUrl(location))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RedirectRefused(`redirect to unsupported protocol ${url.protocol} (${redactUrl(url)})`);
  }
  // Credentials a server writes into `Location` are not used (nor kept in the final URL).
  url.username = '';
  url.password = '';
  const toGet = status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
  const sameOrigin = url.origin === from.origin;
  const next: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'host') continue;
    if (toGet && lower.startsWith('content-')) continue;
    if (!sameOrigin && CREDENTIALS.has(lower)) continue;
    next[name] = value;
  }
  return { url, method: toGet ? 'GET' : method, headers: next, keepBody: !toGet };
}
