// The bench package's reusable parts; the benchmark itself runs from main.ts.
export { type Measurement, runContender } from './contenders.js';
export { type FileServer, startTestkitServer } from './file-server.js';
export type { Job, NodeReport } from './job.js';
export { startNginx } from './nginx.js';
export { type BenchOptions, parseOptions } from './options.js';
export { runScenario, type ScenarioResult } from './runner.js';
export { buildScenarios, type Scenario } from './scenarios.js';
export { median } from './stats.js';
export { type UrlSet, urlOf } from './url-set.js';
export { verifyOutput } from './verify.js';
