// CPU profile of one contender run: pnpm --filter @drover/bench profile [--quick] [--contender drover]
//   [--scenario small-c64] [--top 15]. Profiles the measured window only (node:inspector in the child,
//   under tsx so frames name real files); prints and saves the functions and modules with most self time.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { killAllChildren } from './child.js';
import { Cleanup } from './cleanup.js';
import { type SelfTime, summarizeProfile } from './cpu-profile.js';
import { createEnvironment } from './environment.js';
import { CONTENDERS, type ContenderName, parseOptions } from './options.js';
import { saveResult } from './result-file.js';
import { runOnce } from './runner.js';
import { buildScenarios } from './scenarios.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    contender: { type: 'string', default: 'drover' },
    scenario: { type: 'string', default: 'small-c64' },
    top: { type: 'string', default: '15' },
    'no-install': { type: 'boolean', default: false },
    testkit: { type: 'boolean', default: false },
  },
});
const contender = values.contender as ContenderName;
if (!CONTENDERS.includes(contender) || contender === 'curl' || contender === 'wget2') {
  throw new Error(`--contender must be a Node contender, got ${values.contender}`);
}
const log = (line: string) => console.log(`[profile] ${line}`);
const flags = [...(values.quick ? ['--quick'] : []), ...(values['no-install'] ? ['--no-install'] : [])];
const options = parseOptions([...flags, ...(values.testkit ? ['--testkit'] : [])], {});
if (options === 'help') throw new Error('unreachable');
const scenario = buildScenarios(options).find((candidate) => candidate.id === values.scenario);
if (scenario === undefined) throw new Error(`unknown --scenario ${values.scenario}`);

function table(title: string, rows: readonly SelfTime[]): string {
  const lines = [`| ${title} | where | self ms | share |`, '| --- | --- | ---: | ---: |'];
  for (const row of rows) {
    lines.push(
      `| \`${row.name}\` | ${row.where} | ${row.selfMs.toFixed(0)} | ${(row.share * 100).toFixed(1)} % |`,
    );
  }
  return lines.join('\n');
}

const cleanup = new Cleanup();
process.once('SIGINT', () => {
  killAllChildren();
  void cleanup.run().finally(() => process.exit(130));
});
try {
  const environment = await createEnvironment({ ...options, log }, cleanup);
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'drover-bench-prof-'));
  cleanup.add(() => rm(profileDir, { recursive: true, force: true }));
  // Under tsx, not bundled: the profile then names real source files.
  const context = { ...options, ...environment, bundles: undefined, contenders: [contender], log };
  log(`warm-up run of ${contender} on ${scenario.id}`);
  await runOnce(scenario, contender, context);
  const profileFile = path.join(profileDir, `${contender}.cpuprofile`);
  const outcome = await runOnce(scenario, contender, { ...context, profileFile });
  if ('error' in outcome) throw new Error(outcome.error);
  const top = Number(values.top);
  const summary = await summarizeProfile(profileFile, top);
  const markdown = [
    `# CPU profile: ${contender}, ${scenario.title}`,
    `${new Date().toISOString().slice(0, 16)} UTC; run ${(outcome.sample.elapsedMs / 1000).toFixed(2)} s; ${summary.totalMs.toFixed(0)} ms sampled over the measured window (start-up and imports excluded); server: ${environment.server.description}`,
    `## Top ${top} functions by self time`,
    table('function', summary.functions),
    `## Top ${top} modules by self time`,
    table('module', summary.modules),
  ].join('\n\n');
  const suffix = `-profile-${contender}-${scenario.id}${options.quick ? '-quick' : ''}`;
  const saved = await saveResult(`${markdown}\n`, new Date(), suffix);
  console.log(`\n${await readFile(saved, 'utf8')}`);
  log(`saved ${saved}`);
} finally {
  killAllChildren();
  await cleanup.run();
}
