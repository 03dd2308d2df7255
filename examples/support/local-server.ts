import { createTestServer } from '@drover/testkit';

/** Where an example sends its requests: the URL given on the command line, or its own testkit server. */
export interface Target {
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** True when the example started the server itself (and routes such as /files/ exist). */
  readonly local: boolean;
  close(): Promise<void>;
}

/** `process.argv[2]` when given, else a fresh testkit server on 127.0.0.1. */
export async function target(): Promise<Target> {
  const given = process.argv[2];
  if (given !== undefined && given !== '') {
    return { url: given.replace(/\/$/, ''), local: false, close: async () => {} };
  }
  const server = await createTestServer();
  return { url: server.url, local: true, close: () => server.close() };
}
