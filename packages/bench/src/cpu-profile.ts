import { readFile } from 'node:fs/promises';

/** The parts of a V8 `.cpuprofile` the summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time of one function (or one module), in milliseconds and as a share of all samples. */
export interface SelfTime {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  readonly share: number;
}

/** Where a script URL lives, shortened: `axios/lib/core/Axios.js`, `core/src/limiter.ts`, `node:internal/…`. */
export function shortLocation(url: string): string {
  if (url === '') return '';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const packages = url.lastIndexOf('/packages/');
  if (packages >= 0) return url.slice(packages + '/packages/'.length);
  return url.replace(/^file:\/\//, '');
}

/** The module a location belongs to: the npm package, the workspace package, or the Node internals. */
export function moduleOf(location: string): string {
  if (location === '') return '(V8 / native)';
  if (location.startsWith('node:')) return 'node: internals';
  const [first = '', second = ''] = location.split('/');
  return first.startsWith('@') ? `${first}/${second}` : first;
}

/**
 * Self time per function and per module from a `.cpuprofile`: each sample's time delta is charged
 * to the function on top of the stack. Returns the `top` entries of each, largest first.
 */
export async function summarizeProfile(
  file: string,
  top: number,
): Promise<{
  totalMs: number;
  functions: SelfTime[];
  modules: SelfTime[];
}> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, { name: string; where: string; us: number }>();
  const modules = new Map<string, number>();
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i] as number);
    const us = profile.timeDeltas[i + 1] ?? 0;
    if (node === undefined) continue;
    totalUs += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const location = shortLocation(url);
    const where = location === '' ? '' : `${location}:${lineNumber + 1}`;
    const key = `${functionName}@${where}`;
    const entry = functions.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const module = moduleOf(location);
    modules.set(module, (modules.get(module) ?? 0) + us);
  }
  const share = (us: number) => (totalUs === 0 ? 0 : us / totalUs);
  return {
    totalMs: totalUs / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ name, where, us }) => ({ name, where, selfMs: us / 1000, share: share(us) })),
    modules: [...modules.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, where: '', selfMs: us / 1000, share: share(us) })),
  };
}
