import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AioDownload,
  BackOff,
  DownloadStrategy,
  isDroverError,
  Jitter,
  Lenient,
  NetworkError,
  RequestStrategy,
} from '@drover/core';
import axios from 'axios';

describe('options and defaults', () => {
  it('the documented defaults', () => {
    const base = new RequestStrategy();
    assert.equal(base.options.concurrent, 2);
    assert.equal(base.options.maxAttempts, 1);
    assert.equal(base.options.timeout, 0);
    const lenient = new Lenient();
    assert.equal(lenient.options.maxAttempts, 5);
    assert.equal(lenient.options.minTime, 250);
    assert.equal(lenient.options.sleep, 60_000);
    assert.equal(new BackOff().options.maxAttempts, 10);
    assert.equal(new Jitter().options.maxSleep, 60_000);
    const download = new DownloadStrategy();
    assert.equal(download.options.chunkSize, 1_048_576);
    assert.equal(download.options.home, process.cwd());
    assert.equal(download.options.skipCached, false);
  });

  it('bad values are refused, naming the option and the value', () => {
    assert.throws(() => new RequestStrategy({ concurrent: 0 }), {
      name: 'TypeError',
      message: 'Expected `concurrent` to be an integer >= 1, got `0` (number)',
    });
    assert.throws(() => new Lenient({ maxAttempts: 1.5 }), /`maxAttempts`.*`1.5`/);
    assert.throws(() => new BackOff({ timeout: -1 }), /`timeout`/);
    assert.throws(() => new BackOff({ factor: 0.5 }), /`factor`/);
    assert.throws(() => new DownloadStrategy({ chunkSize: 0 }), /`chunkSize`/);
  });

  it('the default request strategy is Lenient, as in aiodownload', async () => {
    const download = new AioDownload();
    assert.ok(download.requestStrategy instanceof Lenient);
    await download.close();
  });

  it('an injected client is borrowed: close() leaves it usable', async () => {
    const client = axios.create();
    const download = new AioDownload({ client });
    await download.close();
    await download.close();
    assert.equal(download.client, client);
  });

  it('isDroverError recognises the family', () => {
    assert.ok(isDroverError(new NetworkError('x', { url: 'http://h/' })));
    assert.ok(!isDroverError(new Error('x')));
    assert.ok(!isDroverError('ERR_DROVER_X'));
  });
});
