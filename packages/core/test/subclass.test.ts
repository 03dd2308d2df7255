import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AioDownload,
  type Bundle,
  DownloadStrategy,
  type DroverError,
  type DroverResponse,
  HttpError,
  RequestStrategy,
  swarm,
} from '@drover/core';
import { tempHome, useServer } from './helpers.js';

// The aiodownload example, ported: retry only 400s, sleeping a random moment in between.
class RetryBadRequests extends RequestStrategy {
  override retry(_bundle: Bundle, failure: DroverError): boolean {
    return failure instanceof HttpError && failure.status === 400;
  }

  override getSleepTime(): number {
    return Math.random() * 20;
  }
}

// A strategy that refuses a 200 whose body type is wrong.
class OnlyOctetStreams extends RequestStrategy {
  override assertResponse(response: DroverResponse, bundle: Bundle): void {
    super.assertResponse(response, bundle);
    if (!String(response.headers.get('Content-Type')).startsWith('application/octet-stream')) {
      throw new Error(`unexpected content type ${response.headers.get('content-type')}`);
    }
  }
}

describe('subclassed request strategies run unchanged', () => {
  const kit = useServer();

  it('retries only 400, with random sleeps, up to maxAttempts', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new RetryBadRequests({ maxAttempts: 3, concurrent: 3 }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    t.after(() => download.close());
    const k = `bad-${Date.now()}`;
    const [badThenOk, serverError, alwaysBad] = await swarm(
      [
        `${kit.url}/flaky/${k}?fail=2&status=400&size=10`,
        `${kit.url}/flaky/${k}-500?fail=1&status=500`,
        `${kit.url}/status/400?always=1`,
      ],
      download,
    );
    assert.equal(badThenOk?.status, 'written');
    assert.equal(badThenOk?.attempts, 3);
    assert.equal(serverError?.status, 'failed');
    assert.equal(serverError?.attempts, 1);
    assert.equal(alwaysBad?.attempts, 3);
  });

  it('an assertResponse that throws a plain Error still gives a typed failure', async (t) => {
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new OnlyOctetStreams(),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    t.after(() => download.close());
    const [file, json] = await swarm([`${kit.url}/files/ok?size=3`, `${kit.url}/json?n=1`], download);
    assert.equal(file?.status, 'written');
    assert.equal(json?.status, 'failed');
    assert.ok(json?.error instanceof HttpError);
    assert.match(String((json.error.cause as Error).message), /unexpected content type/);
  });

  it('a strategy whose retry throws fails its bundle, not the batch', async (t) => {
    class Broken extends RequestStrategy {
      override retry(): boolean {
        throw new Error('bug in user code');
      }
    }
    const home = await tempHome(t);
    const download = new AioDownload({
      requestStrategy: new Broken({ maxAttempts: 2 }),
      downloadStrategy: new DownloadStrategy({ home }),
    });
    t.after(() => download.close());
    const [broken, fine] = await swarm([`${kit.url}/status/500`, `${kit.url}/files/fine?size=1`], download);
    assert.equal(broken?.status, 'failed');
    assert.equal(broken?.error?.code, 'ERR_DROVER_UNEXPECTED');
    assert.match(String(broken?.error?.message), /bug in user code/);
    assert.equal(fine?.status, 'written');
  });
});
