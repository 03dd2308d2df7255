import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import {
  AioDownload,
  type AioDownloadOptions,
  DownloadStrategy,
  type DownloadStrategyOptions,
  type RequestStrategy,
} from '@drover/core';
import { createTestServer, type TestServer } from '@drover/testkit';

/** A testkit server for the enclosing `describe`, started before and closed after its tests. */
export function useServer(host = '127.0.0.1'): { readonly server: TestServer; readonly url: string } {
  let server: TestServer | undefined;
  before(async () => {
    server = await createTestServer({ host });
  });
  after(async () => {
    await server?.close();
  });
  return {
    get server() {
      if (server === undefined) throw new Error('server not started');
      return server;
    },
    get url() {
      if (server === undefined) throw new Error('server not started');
      return server.url;
    },
  };
}

/** A fresh temporary folder, removed when the test ends. */
export async function tempHome(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const home = await mkdtemp(path.join(tmpdir(), 'drover-test-'));
  t.after(() => rm(home, { recursive: true, force: true }));
  return home;
}

/** A coordinator writing under `home` (with more download options if given), closed when the test ends. */
export function coordinator(
  t: { after(fn: () => Promise<void>): void },
  home: string,
  requestStrategy: RequestStrategy,
  downloadOptions: Omit<DownloadStrategyOptions, 'home'> = {},
  options: Omit<AioDownloadOptions, 'requestStrategy' | 'downloadStrategy'> = {},
): AioDownload {
  const download = new AioDownload({
    downloadStrategy: new DownloadStrategy({ home, ...downloadOptions }),
    requestStrategy,
    ...options,
  });
  t.after(() => download.close());
  return download;
}

/** Every file under `dir`, relative, sorted (from the testkit). */
export { listFiles } from '@drover/testkit';

let keys = 0;

/** A key no other test uses, for the testkit's per-key routes (/flaky, /retry-after, /reset?key=). */
export function uniqueKey(name: string): string {
  return `${name}-${process.pid}-${keys++}`;
}
