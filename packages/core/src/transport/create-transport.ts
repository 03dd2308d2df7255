import type { AxiosInstance } from 'axios';
import { createClient } from '../client.js';
import { AxiosTransport } from './axios-transport.js';
import type { Transport, TransportName } from './transport.js';
import { UndiciTransport } from './undici-transport.js';

/** What picks and builds a coordinator's transport. */
export interface TransportChoice {
  readonly client: AxiosInstance | undefined;
  readonly transport: TransportName | undefined;
  readonly rejectUnauthorized: boolean;
  /** Longest wait for a connection, in milliseconds; 0 off (undici only). */
  readonly connectTimeout: number;
}

/** The transport a coordinator uses, and the axios instance it exposes as `client`. */
export interface ChosenTransport {
  readonly transport: Transport;
  readonly client: AxiosInstance;
}

/**
 * The transport named by the option, else by `DROVER_TRANSPORT`, else undici. An injected axios
 * `client` means axios (asking for undici as well is an error: the client would be ignored).
 */
export function chooseTransport(choice: TransportChoice): ChosenTransport {
  const name = choice.transport ?? defaultTransportName(choice.client !== undefined);
  if (name !== 'axios' && name !== 'undici') {
    throw new TypeError(`transport must be 'axios' or 'undici', got ${JSON.stringify(name)}`);
  }
  if (choice.client !== undefined) {
    if (name === 'undici') throw new TypeError("an axios `client` cannot be used with transport 'undici'");
    return { transport: new AxiosTransport(choice.client), client: choice.client };
  }
  const owned = createClient({ rejectUnauthorized: choice.rejectUnauthorized });
  if (name === 'axios')
    return { transport: new AxiosTransport(owned.client, owned.close), client: owned.client };
  const undici = new UndiciTransport({
    rejectUnauthorized: choice.rejectUnauthorized,
    connectTimeout: choice.connectTimeout,
  });
  return {
    client: owned.client,
    transport: {
      name: undici.name,
      request: (request) => undici.request(request),
      async close() {
        owned.close();
        await undici.close();
      },
    },
  };
}

function defaultTransportName(hasClient: boolean): string {
  if (hasClient) return 'axios';
  return process.env.DROVER_TRANSPORT?.trim() || 'undici';
}
