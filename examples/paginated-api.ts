// Paginated API fetching with retries (the httpx recipe's job): follow `next` links page by page,
// back off on 429, show progress, and check at the end that every page came back 200.
// Run: pnpm example examples/paginated-api.ts [FIRST_PAGE_URL]
import { BackOff, retrieveResults } from '@drover/core';
import { target } from './support/local-server.js';

interface Page {
  readonly page: number;
  readonly pages: number;
  readonly items: number[];
  readonly next: string | null;
}

const server = await target();
let next: string | null = server.local ? `/api/items?page=0&pages=8&per=25&key=${Date.now()}` : server.url;
const requestStrategy = new BackOff({ concurrent: 1, maxAttempts: 4, sleep: 20 });
const statuses: number[] = [];
const items: number[] = [];

while (next !== null) {
  const url: string = new URL(next, server.url).href;
  const [result] = await retrieveResults([url], 'json', { requestStrategy });
  const bundle = result?.bundle;
  statuses.push(bundle?.httpStatus ?? 0);
  if (result?.value === undefined) {
    console.error(`page failed after ${bundle?.attempts} attempts: ${result?.error?.message}`);
    break;
  }
  const page = result.value as Page;
  items.push(...page.items);
  const retries = (bundle?.attempts ?? 1) - 1;
  console.log(
    `page ${page.page + 1}/${page.pages}: ${page.items.length} items${retries > 0 ? ` (after ${retries} × 429)` : ''}`,
  );
  next = page.next;
}

const allOk = statuses.every((status) => status === 200);
console.log(`${statuses.length} pages, ${items.length} items, every page 200: ${allOk}`);
await server.close();
process.exitCode = allOk && statuses.length > 0 ? 0 : 1;
