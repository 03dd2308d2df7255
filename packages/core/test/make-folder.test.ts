import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BackOff, FileSystemError, makeFolder, one } from '@drover/core';
import { coordinator, tempHome, useServer } from './helpers.js';

const hasProc = existsSync('/proc/self');

// Issue #10: `-d /proc/x` spun at full CPU forever. Node's `mkdir(…, { recursive: true })`, under
// fs-extra's ensureDir, never settles where mkdir says ENOENT although the parent exists.
describe('makeFolder and folders that cannot be made', { timeout: 30_000 }, () => {
  const kit = useServer();

  it('makes missing parents, and is fine when the folder is there or made at the same time', async (t) => {
    const home = await tempHome(t);
    const deep = path.join(home, 'a', 'b', 'c');
    await Promise.all([makeFolder(deep), makeFolder(deep), makeFolder(path.join(home, 'a', 'b'))]);
    assert.equal((await stat(deep)).isDirectory(), true);
    await makeFolder(deep);
  });

  it('fails with the system error of the level in the way: a file, a dangling symlink', async (t) => {
    const home = await tempHome(t);
    await writeFile(path.join(home, 'file'), 'x');
    await assert.rejects(makeFolder(path.join(home, 'file')), { code: 'EEXIST' });
    await assert.rejects(makeFolder(path.join(home, 'file', 'sub')), { code: 'ENOTDIR' });
    await symlink(path.join(home, 'nowhere'), path.join(home, 'dangling'));
    await assert.rejects(makeFolder(path.join(home, 'dangling', 'sub')), {
      code: 'EEXIST',
      path: path.join(home, 'dangling'),
    });
    await mkdir(path.join(home, 'ok'));
    await makeFolder(path.join(home, 'ok'));
  });

  it('under /proc: ENOENT at once, not a spin', { skip: !hasProc }, async () => {
    await assert.rejects(makeFolder('/proc/drover-x/y'), { code: 'ENOENT', path: '/proc/drover-x' });
  });

  it('a download into /proc/x fails once with a FileSystemError naming URL and path', {
    skip: !hasProc,
  }, async (t) => {
    const download = coordinator(t, '/proc/x', new BackOff({ sleep: 1 }));
    const url = `${kit.url}/files/proc-home/a.bin?size=10`;
    const bundle = await one(url, download);
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof FileSystemError);
    assert.equal(bundle.error.path, '/proc/x');
    assert.equal(bundle.error.systemCode, 'ENOENT');
    assert.equal(bundle.error.transient, false);
    assert.match(
      bundle.error.message,
      new RegExp(`^GET ${url.replace(/[?.]/g, '\\$&')}: cannot write /proc/x: `),
    );
    assert.equal(bundle.attempts, 1);
    assert.equal(kit.server.requests('/files/proc-home/').length, 1);
  });
});
