// Runs every example in examples/ (each starts its own testkit server) and fails if any exits non-zero.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', 'examples');
const files = (await readdir(dir)).filter((name) => name.endsWith('.ts')).sort();
const LIMIT_MS = 120_000;
// Examples write under the OS temp folder; give them one of their own and remove it afterwards.
const scratch = await mkdtemp(path.join(tmpdir(), 'drover-examples-'));

function run(file: string): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', path.join(dir, file)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TMPDIR: scratch },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: performance.now() - started });
    });
  });
}

let failed = 0;
for (const file of files) {
  const { code, output, ms } = await run(file);
  const ok = code === 0;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} examples/${file} (${(ms / 1000).toFixed(1)} s)`);
  const lines = output.trimEnd().split('\n');
  for (const line of ok ? lines.slice(-3) : lines) console.log(`     ${line}`);
}
await rm(scratch, { recursive: true, force: true });
console.log(`examples: ${files.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
