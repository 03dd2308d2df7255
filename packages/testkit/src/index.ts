export { BLOCK_SIZE, fileContent, fileEtag, fileLastModified } from './content.js';
export { type ForwardProxy, startForwardProxy } from './forward-proxy.js';
export { freePort } from './free-port.js';
export {
  canIsolateDns,
  type IsolatedCommand,
  isolatedDnsCommand,
  type LookupFailure,
} from './isolated-dns.js';
export { listFiles } from './list-files.js';
export {
  NGINX_INSTALL_HINT,
  type NginxHandle,
  type NginxLogEntry,
  type NginxOptions,
  nginxBinary,
  startNginx,
} from './nginx-server.js';
export {
  REDIS_INSTALL_HINT,
  type RedisServerHandle,
  type RedisServerOptions,
  startRedisServer,
} from './redis-server.js';
export { BASIC_AUTH_DEFAULT } from './routes/auth.js';
export { SITE_EXTERNAL_LINK, SITE_PAGE_COUNT } from './routes/site.js';
export { createTestServer } from './server.js';
export {
  type CertificateKind,
  OPENSSL_INSTALL_HINT,
  type TestCertificate,
  type TestCertificateOptions,
  testCertificate,
} from './tls-certificate.js';
export type { InFlightStats, RequestLogEntry, TestServer, TestServerOptions } from './types.js';
export { waitFor } from './wait-for.js';
