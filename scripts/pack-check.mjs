// Checks the packages as a user gets them from the npm registry (issue #13): builds, packs each
// published package with `pnpm pack`, inspects the tarballs (README, LICENSE, dist only; no `source`
// condition, no workspace: ranges), installs them with npm into a fresh temporary project, then, on
// this Node and on Node 24 (from the registry through npx, as scripts/node24.mjs does), runs
// `npx drover --help`, an ESM import and a CommonJS require of every package, a real download from
// the installed testkit, and the CLI without the optional @drover/redis (exit 69 and its hint).
// Then installs @drover/redis too and checks that the Redis commands load it.
//
// Usage: node scripts/pack-check.mjs [--no-build] [--keep]
//   --no-build  use the dist/ folders as they are (the check script builds just before)
//   --keep      leave the temporary folder for a look
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
/** The published packages, in install order (a dependency before its dependents). */
const PUBLISHED = ['core', 'cli', 'testkit', 'redis'];
const flags = new Set(process.argv.slice(2));
const started = performance.now();

/** The environment for npm and the checks: without what `pnpm run` adds for its own child scripts. */
const cleanEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^(npm_package_|npm_lifecycle_|pnpm_|npm_config_user_agent$|npm_config_verify_deps_before_run$|npm_command$|npm_execpath$|npm_node_execpath$)/i.test(
        key,
      ),
  ),
);

class CheckFailed extends Error {}

function say(message) {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`pack-check [${seconds.padStart(5)} s] ${message}`);
}

/** Run a command to the end (bounded); fail with its output unless it exits as expected. */
function run(command, args, { cwd = root, env = cleanEnv, expect = 0, timeout = 180_000 } = {}) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout });
  if (result.error !== undefined || result.status !== expect) {
    throw new CheckFailed(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status ?? result.signal ?? result.error?.message}, expected ${expect}\n` +
        `--- stdout\n${result.stdout ?? ''}--- stderr\n${result.stderr ?? ''}`,
    );
  }
  return result;
}

function assert(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

/** pnpm from the root's devDependencies (the version the repo pins). */
const pnpm = path.join(root, 'node_modules', '.bin', 'pnpm');

async function packAll(into) {
  const tarballs = {};
  for (const name of PUBLISHED) {
    run(pnpm, ['pack', '--pack-destination', into], { cwd: path.join(root, 'packages', name) });
    const file = (await readdir(into)).find((entry) => entry.startsWith(`drover-${name}-`));
    assert(file !== undefined, `pnpm pack wrote no tarball for @drover/${name}`);
    tarballs[name] = path.join(into, file);
  }
  return tarballs;
}

/** What a published package must and must not hold. */
async function inspect(name, tarball, license) {
  const files = run('tar', ['-tzf', tarball]).stdout.split('\n').filter(Boolean);
  for (const needed of [
    'package/package.json',
    'package/README.md',
    'package/LICENSE',
    'package/dist/index.js',
  ]) {
    assert(files.includes(needed), `@drover/${name}: ${needed} missing from the tarball`);
  }
  const stray = files.filter(
    (file) =>
      !/^package\/(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts)|bin\/[\w-]+\.js)$/.test(file),
  );
  assert(
    stray.length === 0,
    `@drover/${name}: ${stray.length} unexpected files in the tarball: ${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ', …' : ''}`,
  );
  // tsc never cleans dist/: a module whose source was deleted would still be published.
  const compiled = files.filter((file) => /^package\/dist\/.+\.js$/.test(file));
  const orphans = [];
  for (const file of compiled) {
    const source = path.join(
      root,
      'packages',
      name,
      'src',
      file.slice('package/dist/'.length, -'.js'.length),
    );
    if (
      !(await stat(`${source}.ts`).then(
        () => true,
        () => false,
      ))
    )
      orphans.push(file);
  }
  assert(
    orphans.length === 0,
    `@drover/${name}: dist holds modules without a source (stale?): ${orphans.join(', ')}`,
  );
  const shipped = run('tar', ['-xzOf', tarball, 'package/LICENSE']).stdout;
  assert(shipped === license, `@drover/${name}: its LICENSE differs from the root LICENSE`);
  const manifestText = run('tar', ['-xzOf', tarball, 'package/package.json']).stdout;
  const manifest = JSON.parse(manifestText);
  assert(!manifestText.includes('workspace:'), `@drover/${name}: a workspace: range was published`);
  assert(
    !JSON.stringify(manifest.exports).includes('"source"'),
    `@drover/${name}: the packed exports still have the source condition`,
  );
  assert(manifest.license === 'MIT', `@drover/${name}: license is ${manifest.license}`);
  return { files: files.length, manifest };
}

/** The scripts the temporary project runs, one per module system. */
const ESM_CHECK = `
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const mode = process.argv[2];
const core = await import('@drover/core');
assert.equal(typeof core.AioDownload, 'function');
assert.equal(typeof core.swarm, 'function');
const cli = await import('@drover/cli');
assert.equal(typeof cli.run, 'function');
assert.equal(cli.EXIT.checksum, 9);
const testkit = await import('@drover/testkit');
assert.equal(typeof testkit.createTestServer, 'function');
if (mode === 'with-redis') {
  const redis = await import('@drover/redis');
  assert.equal(typeof redis.DroverQueue, 'function');
} else {
  await assert.rejects(import('@drover/redis'), { code: 'ERR_MODULE_NOT_FOUND' });
}
if (mode === 'imports') process.exit(0);

const bin = path.resolve('node_modules/@drover/cli/bin/drover.js');
// Asynchronous: the testkit server below answers from this very process.
const drover = (...args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.resume();
    child.on('close', (status) => resolve({ status, stderr }));
  });
if (mode === 'with-redis') {
  // Reaching the flag check means @drover/redis loaded; the bad value stops it before any connection.
  const worker = await drover('worker', '--redis', 'redis://127.0.0.1:9', '--lock-duration', '50ms');
  assert.equal(worker.status, 2, worker.stderr);
  assert.match(worker.stderr, /--lock-duration expects a duration of at least 100ms/);
  process.exit(0);
}
for (const args of [['status'], ['worker'], ['get', 'http://127.0.0.1:9/x']]) {
  const result = await drover(...args, '--redis', 'redis://127.0.0.1:9');
  assert.equal(result.status, 69, result.stderr);
  assert.match(result.stderr, /needs @drover\\/redis, which is not installed/);
  assert.match(result.stderr, /npm install @drover\\/redis/);
}
const server = await testkit.createTestServer();
try {
  const dir = mkdtempSync(path.join(process.cwd(), 'get-'));
  const url = server.url + '/files/packed.bin?size=5000';
  writeFileSync(path.join(dir, 'urls.txt'), url + '\\n  out=packed.bin\\n');
  const got = await drover('get', '-i', path.join(dir, 'urls.txt'), '-d', dir, '-q', '--timeout', '30s');
  assert.equal(got.status, 0, got.stderr);
  assert.deepEqual(readFileSync(path.join(dir, 'packed.bin')), testkit.fileContent('/files/packed.bin', 5000));
  const missing = await drover('get', server.url + '/status/404', '-d', dir, '-q');
  assert.equal(missing.status, 8, missing.stderr);
} finally {
  await server.close();
}
`;

const CJS_CHECK = `
const assert = require('node:assert/strict');
const core = require('@drover/core');
assert.equal(typeof core.AioDownload, 'function');
assert.equal(typeof core.HttpError, 'function');
assert.equal(typeof require('@drover/cli').run, 'function');
assert.equal(typeof require('@drover/testkit').createTestServer, 'function');
if (process.argv[2] === 'with-redis') assert.equal(typeof require('@drover/redis').DroverQueue, 'function');
`;

/** The Node 24 binary, fetched from the registry by npx (cached after the first time). */
function node24() {
  const result = run('npx', [
    '--yes',
    '-p',
    'node@24',
    'node',
    '-p',
    'process.execPath + " " + process.version',
  ]);
  const [execPath, version] = result.stdout.trim().split(' ');
  assert(version?.startsWith('v24.'), `npx -p node@24 gave ${result.stdout}`);
  return { execPath, version };
}

/** Every check that runs on one Node: `npx drover`, ESM, CJS, a download, the missing-redis hint. */
function checkOn(runtime, project, mode, cliVersion) {
  const env = {
    ...cleanEnv,
    PATH: `${path.dirname(runtime.execPath)}${path.delimiter}${cleanEnv.PATH ?? ''}`,
  };
  const where = { cwd: project, env };
  const shown = run('node', ['--version'], where).stdout.trim();
  assert(shown === runtime.version, `PATH gives node ${shown}, expected ${runtime.version}`);
  if (mode === 'without-redis') {
    const help = run('npx', ['--no', '--', 'drover', '--help'], where).stdout;
    assert(/Usage: drover \[options\] \[command\]/.test(help), `npx drover --help printed:\n${help}`);
    const version = run('npx', ['--no', '--', 'drover', '--version'], where).stdout.trim();
    assert(version === cliVersion, `drover --version printed ${version}, expected ${cliVersion}`);
    run(runtime.execPath, ['--conditions=source', 'esm-check.mjs', 'imports'], where);
  }
  run(runtime.execPath, ['esm-check.mjs', mode], where);
  const cjs = run(runtime.execPath, ['cjs-check.cjs', mode], where);
  // Early 20.19 / 22.12 releases may still print require(esm)'s ExperimentalWarning: shown, not fatal.
  if (cjs.stderr.trim() !== '') say(`${runtime.version}: require() said: ${cjs.stderr.trim()}`);
  say(
    `${runtime.version}: ${mode === 'without-redis' ? 'npx drover --help, ESM (also --conditions=source), CJS require, a download, exit 69 without @drover/redis' : 'ESM and CJS @drover/redis, the Redis commands load it'}`,
  );
}

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), 'drover-pack-check-'));
  try {
    if (!flags.has('--no-build')) {
      run(pnpm, ['run', 'build']);
      say('built');
    }
    for (const name of PUBLISHED) {
      await stat(path.join(root, 'packages', name, 'dist', 'index.js')).catch(() => {
        throw new CheckFailed(`packages/${name}/dist is missing: run pnpm build (or drop --no-build)`);
      });
    }
    const tarballs = await packAll(path.join(work, 'tarballs'));
    const license = await readFile(path.join(root, 'LICENSE'), 'utf8');
    const seen = [];
    let cliVersion = '';
    for (const name of PUBLISHED) {
      const { files, manifest } = await inspect(name, tarballs[name], license);
      seen.push(`${name} ${files} files`);
      if (name === 'cli') {
        cliVersion = manifest.version;
        assert(
          manifest.dependencies['@drover/redis'] === undefined,
          '@drover/cli still depends on @drover/redis',
        );
        assert(
          manifest.peerDependenciesMeta?.['@drover/redis']?.optional === true,
          '@drover/redis is not optional',
        );
      }
    }
    say(`packed and inspected: ${seen.join(', ')}`);

    const project = path.join(work, 'project');
    await mkdir(project);
    await writeFile(
      path.join(project, 'package.json'),
      `${JSON.stringify({ name: 'drover-pack-check', version: '1.0.0', private: true }, null, 2)}\n`,
    );
    await writeFile(path.join(project, 'esm-check.mjs'), ESM_CHECK);
    await writeFile(path.join(project, 'cjs-check.cjs'), CJS_CHECK);
    const npmInstall = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
    run('npm', [...npmInstall, tarballs.core, tarballs.cli, tarballs.testkit], { cwd: project });
    for (const absent of ['@drover/redis', 'bullmq', 'ioredis']) {
      const there = await stat(path.join(project, 'node_modules', absent)).then(
        () => true,
        () => false,
      );
      assert(!there, `npm install @drover/cli installed ${absent}`);
    }
    say('npm install of core, cli and testkit from the tarballs: no @drover/redis, BullMQ or ioredis');

    const runtimes = [{ execPath: process.execPath, version: process.version }, node24()];
    for (const runtime of runtimes) checkOn(runtime, project, 'without-redis', cliVersion);

    run('npm', [...npmInstall, tarballs.redis], { cwd: project });
    say('npm install of the @drover/redis tarball');
    for (const runtime of runtimes) checkOn(runtime, project, 'with-redis', cliVersion);
    say('all good');
  } finally {
    if (flags.has('--keep')) say(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  console.error(
    `pack-check: FAILED: ${error instanceof CheckFailed ? error.message : (error?.stack ?? error)}`,
  );
  process.exitCode = 1;
}
