import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { useServer } from './helpers.js';

const run = promisify(execFile);
const REFUSE = fileURLToPath(new URL('./fixtures/refuse-axios.mjs', import.meta.url));
const CORE = fileURLToPath(new URL('..', import.meta.url));

// Issue #11: axios is an adapter behind the `client` option; the default import does not load it.
describe('the default import', { timeout: 30_000 }, () => {
  const kit = useServer();

  it('downloads on undici in a process where axios cannot even be resolved', async () => {
    const script = `
      const { one, AioDownload, DownloadStrategy, RequestStrategy } = await import('@drover/core');
      const { mkdtemp } = await import('node:fs/promises');
      const home = await mkdtemp((await import('node:os')).tmpdir() + '/drover-no-axios-');
      const download = new AioDownload({ transport: 'undici', requestStrategy: new RequestStrategy(), downloadStrategy: new DownloadStrategy({ home }) });
      const bundle = await one(${JSON.stringify(`${kit.url}/files/no-axios.bin?size=10`)}, download);
      await download.close();
      console.log(bundle.status);
    `;
    const { stdout } = await run(
      process.execPath,
      ['--import', REFUSE, '--import', 'tsx', '--conditions=source', '--input-type=module', '-e', script],
      { cwd: CORE, env: { ...process.env, DROVER_TRANSPORT: '' } },
    );
    assert.equal(stdout.trim(), 'written');
  });

  it('the refusing hook is real: asking for axios in that process fails', async () => {
    await assert.rejects(
      run(process.execPath, ['--import', REFUSE, '--input-type=module', '-e', "await import('axios')"], {
        cwd: CORE,
      }),
      /axios was loaded/,
    );
  });
});
