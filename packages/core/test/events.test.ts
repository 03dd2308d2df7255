import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackOff, one } from '@drover/core';
import { coordinator, tempHome, useServer } from './helpers.js';

describe('coordinator events', () => {
  const kit = useServer();

  it('attempt, response, progress, retry and done arrive in order', async (t) => {
    const home = await tempHome(t);
    const download = coordinator(t, home, new BackOff({ sleep: 1, maxAttempts: 2 }));
    const seen: string[] = [];
    let lastProgress = {
      transferredBytes: 0,
      totalBytes: 0 as number | undefined,
      percent: 0 as number | undefined,
    };
    download.on('attempt', ({ attempt }) => seen.push(`attempt ${attempt}`));
    download.on('response', ({ status }) => seen.push(`response ${status}`));
    download.on('retry', ({ delay, error }) => seen.push(`retry ${delay} ${error.code}`));
    download.on('progress', (event) => {
      lastProgress = event;
    });
    download.on('done', ({ bundle }) => seen.push(`done ${bundle.status}`));
    const bundle = await one(`${kit.url}/flaky/events-${Date.now()}?fail=1&size=300000`, download);
    assert.equal(bundle.status, 'written');
    assert.deepEqual(seen, [
      'attempt 1',
      'response 500',
      'retry 1 ERR_DROVER_HTTP_STATUS',
      'attempt 2',
      'response 200',
      'done written',
    ]);
    assert.deepEqual(lastProgress.transferredBytes, 300000);
    assert.equal(lastProgress.totalBytes, 300000);
    assert.equal(lastProgress.percent, 1);
  });
});
