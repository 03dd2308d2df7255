import { UsageError } from '../usage-error.js';
import { USER_AGENT } from '../version.js';

/** `--user`, as commander hands it over. */
export interface AuthFlags {
  readonly user?: string;
}

/**
 * The headers every request gets before `-H`: `User-Agent: drover/VERSION` and, with
 * `--user name:password`, `Authorization: Basic` of it (as curl's `-u`; it wins over user info in the
 * URL, a `-H 'Authorization: …'` wins over it). The transports drop it on a redirect to another
 * origin; drover never prints request headers.
 * @throws UsageError when `--user` has no `:`.
 */
export function baseHeaders(flags: AuthFlags): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': USER_AGENT };
  if (flags.user === undefined) return headers;
  if (!flags.user.includes(':')) {
    // Never echo the value: it may be a password typed without its user name.
    throw new UsageError('--user expects "name:password"');
  }
  headers.authorization = `Basic ${Buffer.from(flags.user, 'utf8').toString('base64')}`;
  return headers;
}
