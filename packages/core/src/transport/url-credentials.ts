/** A request URL without its user info, and the `Authorization` header that user info stands for. */
export interface RequestTarget {
  /** The URL to request: `url` without `user:password@` (unchanged when it had none). */
  readonly url: string;
  /** `Basic …` of the percent-decoded user and password, when the URL had user info. */
  readonly authorization: string | undefined;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape is sent as written, as axios and curl do.
    return text;
  }
}

/**
 * Split the user info off `url` (`http://alice:s%40cret@host/x` → `http://host/x` with
 * `Basic` of `alice:s@cret`), so both transports send credentials the same way and no URL they
 * report holds them. A URL that does not parse is returned as it is, for the transport to refuse.
 */
export function requestTarget(url: string): RequestTarget {
  if (!url.includes('@') || !URL.canParse(url)) return { url, authorization: undefined };
  const parsed = new URL(url);
  if (parsed.username === '' && parsed.password === '') return { url, authorization: undefined };
  const authorization = basicAuth({ username: decoded(parsed.username), password: decoded(parsed.password) });
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.href, authorization };
}

/** `headers` plus `authorization`, unless the caller set an `Authorization` header of their own (it wins). */
export function withAuthorization(
  headers: Readonly<Record<string, string>>,
  authorization: string | undefined,
): Record<string, string> {
  if (
    authorization === undefined ||
    Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')
  ) {
    return { ...headers };
  }
  return { ...headers, authorization };
}

/** `Authorization: Basic …` for a user name and password (UTF-8). */
export function basicAuth(auth: { readonly username: string; readonly password: string }): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}
