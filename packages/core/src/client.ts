import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';

/** A client the coordinator made and therefore owns, with the agents to close. */
export interface OwnedClient {
  readonly client: AxiosInstance;
  close(): void;
}

/** An axios instance with keep-alive agents (LIFO socket reuse keeps the pool warm and small). */
export function createClient(): OwnedClient {
  const httpAgent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  const httpsAgent = new https.Agent({ keepAlive: true, scheduling: 'lifo' });
  const client = axios.create({ httpAgent, httpsAgent, maxBodyLength: Infinity, maxContentLength: Infinity });
  return {
    client,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
