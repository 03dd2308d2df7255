import { type Hooks, retryNow } from '@drover/core';

/** Statuses that mean "this server does not do HEAD": `check` asks again with GET. */
const HEAD_REFUSED = new Set([405, 501]);

/**
 * `check`'s one extra rule, as a hook: when a server refuses HEAD (405, 501), the bundle switches to
 * GET and goes again at once. The GET is one of the chosen strategy's attempts (`--attempts 2`: at
 * most HEAD and one GET), so with a single attempt a refused HEAD is final.
 */
export const headFallback: Hooks = {
  afterResponse: [
    ({ bundle, request, response }) => {
      if (request.method !== 'HEAD' || !HEAD_REFUSED.has(response.status)) return;
      bundle.method = 'GET';
      return retryNow;
    },
  ],
};
