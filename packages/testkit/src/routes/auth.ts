import type { RouteContext } from '../context.js';
import { sendJson, sendText } from '../http-util.js';

/** The credentials `/auth/basic` expects when the query names none. */
export const BASIC_AUTH_DEFAULT = { user: 'drover', pass: 'open-sesame' } as const;

/** The user and password of an `Authorization: Basic` header, UTF-8; `undefined` when there is none. */
function basicCredentials(header: string | undefined): { user: string; pass: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match === null) return undefined;
  const text = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { user: text.slice(0, colon), pass: text.slice(colon + 1) };
}

/**
 * `/auth/basic?user=U&pass=P`: 200 `{ "user": U }` when the request carries `Authorization: Basic` of
 * `U:P` (default `drover:open-sesame`), else 401 with `WWW-Authenticate: Basic realm="testkit"`.
 */
export function basicAuth(ctx: RouteContext): void {
  const user = ctx.url.searchParams.get('user') ?? BASIC_AUTH_DEFAULT.user;
  const pass = ctx.url.searchParams.get('pass') ?? BASIC_AUTH_DEFAULT.pass;
  const given = basicCredentials(ctx.req.headers.authorization);
  if (given?.user === user && given.pass === pass) {
    sendJson(ctx.res, 200, { user });
    return;
  }
  sendText(ctx.res, 401, 'unauthorized', { 'WWW-Authenticate': 'Basic realm="testkit", charset="UTF-8"' });
}
