import type { RouteContext } from '../context.js';
import { send, sendText } from '../http-util.js';

/** Number of pages of the `/site/` test site: `/site/page-0.html` … `/site/page-29.html`. */
export const SITE_PAGE_COUNT = 30;

/** The off-site link every page carries; crawlers must not follow it. */
export const SITE_EXTERNAL_LINK = 'http://example.invalid/x';

function html(title: string, links: string[]): string {
  const items = links.map((href) => `    <li><a href="${href}">${href}</a></li>`).join('\n');
  return `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>${title}</title></head>
  <body>
    <h1 id="top">${title}</h1>
    <ul>
${items}
    </ul>
  </body>
</html>
`;
}

function page(i: number, origin: string): string {
  const links = [
    `page-${(i + 1) % SITE_PAGE_COUNT}.html`,
    `/site/page-${(i + 7) % SITE_PAGE_COUNT}.html#top`,
  ];
  // Full URLs on some pages make crawlers resolve absolute links too, not only relative ones.
  if (i % 3 === 0) links.push(`${origin}/site/page-${(i + 13) % SITE_PAGE_COUNT}.html`);
  links.push(SITE_EXTERNAL_LINK, '/site/missing.html');
  return html(`Page ${i}`, links);
}

function index(origin: string): string {
  return html('drover test site', [
    'page-0.html',
    '/site/page-10.html#top',
    `${origin}/site/page-20.html`,
    SITE_EXTERNAL_LINK,
    '/site/missing.html',
  ]);
}

/**
 * `/site/…`: a deterministic HTML site for crawlers: `/site/` and `/site/page-<i>.html` (i < 30), each linking to
 * 2–3 other pages (relative, absolute-path with fragment, full URL), `http://example.invalid/x` and
 * `/site/missing.html` (404). `/site` redirects to `/site/`.
 */
export function site(ctx: RouteContext): void {
  const { res, path } = ctx;
  if (path === '/site') {
    sendText(res, 301, 'moved to /site/', { Location: '/site/' });
    return;
  }
  const origin = `http://${ctx.req.headers.host ?? 'localhost'}`;
  const name = path.slice('/site/'.length);
  const match = /^page-(0|[1-9]\d?)\.html$/.exec(name);
  const i = match?.[1] === undefined ? -1 : Number(match[1]);
  let body: string | undefined;
  if (name === '' || name === 'index.html') body = index(origin);
  else if (i >= 0 && i < SITE_PAGE_COUNT) body = page(i, origin);
  if (body === undefined) sendText(res, 404, 'not found');
  else send(res, 200, body, 'text/html; charset=utf-8');
}
