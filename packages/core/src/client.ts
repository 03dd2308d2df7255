import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';

/** A client the coordinator made and therefore owns, with the agents to close. */
export interface OwnedClient {
  readonly client: AxiosInstance;
  close(): void;
}

/** What the default client can be told. */
export interface ClientOptions {
  /** Check TLS certificates. */
  readonly rejectUnauthorized: boolean;
  /** Trusted certificate authorities (PEM) in place of Node's list; `undefined` keeps it. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[] | undefined;
  /** Ignore `HTTP_PROXY`/`HTTPS_PROXY` (axios's `proxy: false`). @default false */
  readonly noProxy?: boolean;
}

/** An axios instance with keep-alive agents (LIFO socket reuse keeps the pool warm and small). */
export function createClient(options: ClientOptions): OwnedClient {
  const httpAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    scheduling: 'lifo',
    rejectUnauthorized: options.rejectUnauthorized,
    ...(options.ca === undefined ? {} : { ca: options.ca as string | Buffer | (string | Buffer)[] }),
  });
  const client = axios.create({
    httpAgent,
    httpsAgent,
    maxBodyLength: Infinity,
    maxContentLength: Infinity,
    ...(options.noProxy === true ? { proxy: false as const } : {}),
  });
  return {
    client,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
