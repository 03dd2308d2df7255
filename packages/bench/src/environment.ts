import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleContenders, type NodeContender } from './bundle.js';
import type { Cleanup } from './cleanup.js';
import { writeDataSet } from './data-set.js';
import { type FileServer, startTestkitServer } from './file-server.js';
import { fileSystemOf } from './machine.js';
import { startNginx } from './nginx.js';
import type { Sizes } from './options.js';
import { ensureTools, type Tools } from './tools.js';

/** Everything the scenarios run against. */
export interface Environment {
  readonly tools: Tools;
  readonly server: FileServer;
  /** Parent of the on-disk output folders. */
  readonly diskDir: string;
  /** Parent of the tmpfs output folders (`diskDir` when there is no /dev/shm). */
  readonly memoryDir: string;
  /** The Node contenders bundled to plain JavaScript; `undefined` when bundling failed (tsx then). */
  readonly bundles: Readonly<Record<NodeContender, string>> | undefined;
  /** What the result file should know about this setup. */
  readonly notes: readonly string[];
}

/** How to build the {@link Environment}. */
export interface EnvironmentOptions {
  readonly install: boolean;
  readonly forceTestkit: boolean;
  readonly sizes: Sizes;
  readonly log: (line: string) => void;
}

async function tempDir(parent: string, cleanup: Cleanup): Promise<string> {
  const dir = await mkdtemp(path.join(parent, 'drover-bench-'));
  cleanup.add(() => rm(dir, { recursive: true, force: true, maxRetries: 3 }));
  return dir;
}

async function startServer(tools: Tools, work: string, options: EnvironmentOptions): Promise<FileServer> {
  if (options.forceTestkit) return startTestkitServer(options.sizes, '--testkit given');
  if (tools.nginx === undefined) return startTestkitServer(options.sizes, 'nginx not available');
  const data = path.join(work, 'data');
  const started = Date.now();
  await mkdir(data);
  await writeDataSet(data, options.sizes);
  options.log(`data set written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  try {
    return await startNginx(tools.nginx, path.join(work, 'nginx'), data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    options.log(`nginx failed, falling back to the testkit server: ${reason}`);
    return startTestkitServer(options.sizes, `nginx failed: ${reason.slice(0, 200)}`);
  }
}

/**
 * Find or install the tools, write the data set, start nginx (or the testkit fallback) and make the
 * output folders. Every step registers its undo on `cleanup`.
 */
export async function createEnvironment(options: EnvironmentOptions, cleanup: Cleanup): Promise<Environment> {
  const tools = await ensureTools(options.install);
  const work = await tempDir(os.tmpdir(), cleanup);
  await chmod(work, 0o755);
  const shm = '/dev/shm';
  const memoryDir = existsSync(shm) ? await tempDir(shm, cleanup) : work;
  const server = await startServer(tools, work, options);
  cleanup.add(() => server.close());
  const diskDir = path.join(work, 'out');
  await mkdir(diskDir);
  options.log(`server: ${server.description} at ${server.origin}`);
  const notes = [
    ...tools.notes,
    `output folders: files to ${diskDir} (${fileSystemOf(diskDir)}), per-item files to ${memoryDir} (${fileSystemOf(memoryDir)})`,
  ];
  const bundles = await bundleContenders(path.join(work, 'bundles')).catch((error: unknown) => {
    notes.push(
      `bundling failed, Node contenders run under tsx (slower start, not measured): ${String(error).slice(0, 200)}`,
    );
    return undefined;
  });
  return { tools, server, diskDir, memoryDir, bundles, notes };
}
