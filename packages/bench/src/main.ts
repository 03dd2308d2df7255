// The benchmark: pnpm --filter @drover/bench bench [--runs N] [--quick] … (see --help).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { killAllChildren } from './child.js';
import { Cleanup } from './cleanup.js';
import { createEnvironment } from './environment.js';
import { machineInfo } from './machine.js';
import { busyProcesses, codeState } from './machine-load.js';
import { parseOptions, USAGE } from './options.js';
import { renderResult, saveResult } from './result-file.js';
import { runScenario, type ScenarioResult } from './runner.js';
import { buildScenarios } from './scenarios.js';

const log = (line: string) => console.log(`[bench] ${line}`);

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(USAGE);
  process.exit(0);
}

const cleanup = new Cleanup();
const interrupted = new AbortController();
const stop = (signal: NodeJS.Signals) => {
  log(`${signal}: stopping children and the server`);
  interrupted.abort(new Error(`interrupted by ${signal}`));
  killAllChildren();
  void cleanup.run().finally(() => process.exit(130));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

const started = Date.now();
try {
  const environment = await createEnvironment({ ...options, log }, cleanup);
  const machine = await machineInfo(environment.tools);
  const notes = [...environment.notes, await codeState(fileURLToPath(new URL('../../..', import.meta.url)))];
  const busy = await busyProcesses();
  if (busy.length > 0) {
    notes.push(
      `other busy processes when the run started (numbers are slower and noisier): ${busy.join(', ')}`,
    );
    log(`WARNING: other processes are busy: ${busy.join(', ')}`);
  }
  const results: ScenarioResult[] = [];
  for (const scenario of buildScenarios(options)) {
    log(`scenario ${scenario.title}`);
    results.push(
      await runScenario(scenario, { ...options, ...environment, log, signal: interrupted.signal }),
    );
  }
  const date = new Date();
  const markdown = renderResult({
    date,
    options,
    machine,
    server: environment.server.description,
    notes,
    results,
    totalSeconds: (Date.now() - started) / 1000,
  });
  if (options.save) {
    const file = await saveResult(markdown, date, options.quick ? '-quick' : '');
    console.log(`\n${await readFile(file, 'utf8')}`);
    log(`saved ${file}`);
  } else {
    console.log(`\n${markdown}`);
  }
} catch (error) {
  if (!interrupted.signal.aborted) {
    console.error(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  process.exitCode = interrupted.signal.aborted ? 130 : 1;
} finally {
  killAllChildren();
  await cleanup.run();
}
