import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The Node contender scripts, by contender name. */
export const NODE_SCRIPTS = {
  drover: 'drover.ts',
  'drover-axios': 'drover.ts',
  'drover-per-host': 'drover.ts',
  'raw-undici': 'raw-undici.ts',
  'raw-axios': 'raw-axios.ts',
} as const;

/** A Node contender: one with a script in {@link NODE_SCRIPTS}. */
export type NodeContender = keyof typeof NODE_SCRIPTS;

/** Absolute path of a Node contender's TypeScript source. */
export function scriptPath(name: NodeContender): string {
  return fileURLToPath(new URL(`./contenders/${NODE_SCRIPTS[name]}`, import.meta.url));
}

/** Lets bundled CommonJS dependencies `require` Node built-ins from an ES module. */
const REQUIRE_BANNER =
  "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);";

/**
 * Bundle each Node contender (its dependencies included, `@drover/core` from its TypeScript source
 * through the `source` condition) into one plain `.mjs` file under `outDir`, so a contender process
 * starts in a fraction of a second instead of 1.5–3 s under the tsx loader, and runs without loader
 * hooks. Returns the bundle of each contender.
 */
export async function bundleContenders(outDir: string): Promise<Record<NodeContender, string>> {
  const names = Object.keys(NODE_SCRIPTS) as NodeContender[];
  const entries = names.map((name) => [name, path.join(outDir, `${name}.mjs`)] as const);
  await build({
    entryPoints: Object.fromEntries(names.map((name) => [name, scriptPath(name)])),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    banner: { js: REQUIRE_BANNER },
    logLevel: 'error',
  });
  return Object.fromEntries(entries) as Record<NodeContender, string>;
}
