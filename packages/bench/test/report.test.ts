import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { moduleOf, shortLocation, summarizeProfile } from '../src/cpu-profile.js';
import { parseOptions } from '../src/options.js';
import { scenarioTable } from '../src/report.js';
import { buildScenarios } from '../src/scenarios.js';
import { verifyOutput } from '../src/verify.js';

test('a scenario table shows every figure against raw-undici and marks failures', () => {
  const options = parseOptions(['--only', 'small', '--concurrency', '16'], {});
  assert.notEqual(options, 'help');
  if (options === 'help') return;
  const [scenario] = buildScenarios(options);
  assert.ok(scenario !== undefined);
  const sample = (ms: number) => ({ elapsedMs: ms, cpuMs: ms / 2, maxRssKiB: 102_400 });
  const table = scenarioTable({
    scenario,
    load: { start: '0.10', end: '0.20' },
    seconds: 10,
    foreignCpuSeconds: 0.5,
    results: [
      { name: 'drover', samples: [sample(4000), sample(2000), sample(3000)], error: undefined },
      { name: 'raw-undici', samples: [sample(1000)], error: undefined },
      { name: 'curl', samples: [], error: 'exit 7' },
    ],
  });
  assert.match(table, /\| drover \| 667 \| ×0\.33 \| 500–1 000 \| 100 \| ×1\.00 \| 1\.50 \| ×3\.00 \|/);
  assert.match(table, /\| curl \| FAILED: exit 7 \|/);
});

test('verifyOutput accepts exactly the expected files and sizes', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-verify-'));
  try {
    await writeFile(path.join(dir, 'a'), Buffer.alloc(10));
    await writeFile(path.join(dir, 'b'), Buffer.alloc(10));
    assert.equal(await verifyOutput(dir, { files: 2, bytesPerFile: 10 }), undefined);
    await writeFile(path.join(dir, 'c.part'), Buffer.alloc(3));
    assert.match((await verifyOutput(dir, { files: 2, bytesPerFile: 10 })) ?? '', /found 3 files/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('profile summary charges each sample to the function on top of the stack', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-prof-'));
  try {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('schedule', 'file:///r/node_modules/bottleneck/lib/Bottleneck.js') },
        { id: 3, callFrame: frame('attempt', 'file:///r/packages/core/src/aio-download.ts') },
      ],
      samples: [2, 3, 2, 2],
      timeDeltas: [0, 1000, 2000, 3000],
    };
    const file = path.join(dir, 'x.cpuprofile');
    await writeFile(file, JSON.stringify(profile));
    const summary = await summarizeProfile(file, 5);
    assert.equal(summary.functions[0]?.name, 'schedule');
    assert.equal(summary.modules[0]?.name, 'bottleneck');
    assert.equal(shortLocation('file:///r/packages/core/src/a.ts'), 'core/src/a.ts');
    assert.equal(moduleOf('node:internal/streams'), 'node: internals');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
