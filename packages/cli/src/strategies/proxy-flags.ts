import { UsageError } from '../usage-error.js';

/** `--proxy URL` / `--no-proxy`, as commander hands them over (`false` for `--no-proxy`). */
export interface ProxyFlags {
  readonly proxy?: string | boolean;
}

/**
 * The `AioDownload` `proxy` option of the flags: `--proxy URL` sends every request through URL
 * (undici transport), `--no-proxy` ignores `HTTP_PROXY`/`HTTPS_PROXY`; neither keeps the environment's.
 * @throws UsageError for a URL that is not http(s), or `--proxy` with `DROVER_TRANSPORT=axios`.
 */
export function proxyOptionFrom(flags: ProxyFlags): { proxy?: string | false } {
  if (flags.proxy === undefined || flags.proxy === true) return {};
  if (flags.proxy === false) return { proxy: false };
  let protocol: string | undefined;
  try {
    protocol = new URL(flags.proxy).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(
      `--proxy expects an http(s) URL such as http://127.0.0.1:3128, got ${JSON.stringify(flags.proxy)}`,
    );
  }
  if (process.env.DROVER_TRANSPORT?.trim() === 'axios') {
    throw new UsageError('--proxy works with the undici transport only (unset DROVER_TRANSPORT=axios)');
  }
  return { proxy: flags.proxy };
}
