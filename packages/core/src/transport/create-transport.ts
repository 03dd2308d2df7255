import type { AxiosInstance } from 'axios';
import type { ClientOptions } from '../client.js';
import { AxiosTransport } from './axios-transport.js';
import type { Transport, TransportName, TransportRequest } from './transport.js';
import { UndiciTransport } from './undici-transport.js';

/** What picks and builds a coordinator's transport. */
export interface TransportChoice {
  readonly client: AxiosInstance | undefined;
  readonly transport: TransportName | undefined;
  readonly rejectUnauthorized: boolean;
  /** Trusted certificate authorities (PEM) in place of Node's list; `undefined` keeps it. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[] | undefined;
  /** A proxy URL (undici only), `false` for none, `undefined` for the environment's. */
  readonly proxy?: string | false | undefined;
  /** Longest wait for a connection, in milliseconds; 0 off (undici only). */
  readonly connectTimeout: number;
}

/**
 * The transport named by the option, else by `DROVER_TRANSPORT`, else undici. An injected axios
 * `client` means axios (asking for undici as well is an error: the client would be ignored).
 */
export function chooseTransport(choice: TransportChoice): Transport {
  const name = choice.transport ?? defaultTransportName(choice.client !== undefined);
  if (name !== 'axios' && name !== 'undici') {
    throw new TypeError(`transport must be 'axios' or 'undici', got ${JSON.stringify(name)}`);
  }
  if (choice.client !== undefined) {
    if (name === 'undici') throw new TypeError("an axios `client` cannot be used with transport 'undici'");
    return new AxiosTransport(choice.client);
  }
  const tls = { rejectUnauthorized: choice.rejectUnauthorized, ca: choice.ca };
  if (typeof choice.proxy === 'string') {
    if (name === 'axios') {
      throw new TypeError(
        "a `proxy` works with transport 'undici' only (pass an axios `client` with your own agent)",
      );
    }
    expectProxyUrl(choice.proxy);
  }
  if (name === 'axios') return new LazyAxiosTransport({ ...tls, noProxy: choice.proxy === false });
  return new UndiciTransport({
    ...tls,
    proxy: choice.proxy,
    connectTimeout: choice.connectTimeout,
  });
}

/**
 * `transport: 'axios'` without a client: axios is loaded on the first request, so a program that
 * never asks for axios never loads it (`import '@drover/core'` does not).
 */
class LazyAxiosTransport implements Transport {
  readonly name = 'axios';
  private made: Promise<AxiosTransport> | undefined;

  constructor(private readonly tls: ClientOptions) {}

  async request(request: TransportRequest) {
    this.made ??= import('../client.js').then(({ createClient }) => {
      const owned = createClient(this.tls);
      return new AxiosTransport(owned.client, owned.close);
    });
    return (await this.made).request(request);
  }

  async close(): Promise<void> {
    await (await this.made)?.close();
  }
}

function expectProxyUrl(proxy: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(proxy).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new TypeError(
      `proxy must be an http(s) URL such as http://127.0.0.1:3128, got ${JSON.stringify(proxy)}`,
    );
  }
}

function defaultTransportName(hasClient: boolean): string {
  if (hasClient) return 'axios';
  return process.env.DROVER_TRANSPORT?.trim() || 'undici';
}
