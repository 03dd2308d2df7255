import type { RouteContext } from '../context.js';
import { BadRequestError, intSegment, sendText } from '../http-util.js';

function redirect(ctx: RouteContext, code: number, location: string): void {
  sendText(ctx.res, code, `redirecting to ${location}`, { Location: location });
}

function redirectStatus(url: URL): number {
  const raw = url.searchParams.get('status') ?? '302';
  const code = Number(raw);
  if (!Number.isInteger(code) || code < 300 || code > 399)
    throw new BadRequestError(`invalid status: ${raw}`);
  return code;
}

/**
 * `/redirect/<n>?to=<path>&status=302`: a chain of n+1 redirects; `/redirect/<n-1>` (query kept) while n > 0,
 * then `to` (default `/files/redirected.bin`).
 */
export function redirectChain(ctx: RouteContext): void {
  const n = intSegment(ctx.path.slice('/redirect/'.length), 'redirect count');
  const code = redirectStatus(ctx.url);
  const location =
    n > 0
      ? `/redirect/${n - 1}${ctx.url.search}`
      : (ctx.url.searchParams.get('to') ?? '/files/redirected.bin');
  redirect(ctx, code, location);
}

/** `/redirect-loop/<k>`: 302 to `/redirect-loop/<(k+1) mod 2>`, forever. */
export function redirectLoop(ctx: RouteContext): void {
  const k = intSegment(ctx.path.slice('/redirect-loop/'.length), 'loop index');
  redirect(ctx, 302, `/redirect-loop/${(k + 1) % 2}`);
}

/** `/redirect-to?url=<absolute-url>&status=302`: a redirect to anywhere, verbatim (other origins, bad schemes). */
export function redirectTo(ctx: RouteContext): void {
  const target = ctx.url.searchParams.get('url');
  if (target === null || target === '') throw new BadRequestError('missing url');
  redirect(ctx, redirectStatus(ctx.url), target);
}
