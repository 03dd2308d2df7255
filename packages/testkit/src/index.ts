export { BLOCK_SIZE, fileContent, fileEtag, fileLastModified } from './content.js';
export { listFiles } from './list-files.js';
export { SITE_EXTERNAL_LINK, SITE_PAGE_COUNT } from './routes/site.js';
export { createTestServer } from './server.js';
export type { InFlightStats, RequestLogEntry, TestServer, TestServerOptions } from './types.js';
