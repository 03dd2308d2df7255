import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { BackOff, Bundle, one, RequestStrategy, ResponseCheckError, readBody } from '@drover/core';
import { coordinator, tempHome, uniqueKey, useServer } from './helpers.js';

// Issue #11: aiohttp-retry's evaluate_response_callback, and its per-attempt `requests`.
describe('evaluateResponse and requests', () => {
  const kit = useServer();

  it('a 200 whose body says error is refused, retried, and the good body is written whole', async (t) => {
    const home = await tempHome(t);
    const key = uniqueKey('evaluate');
    const strategy = new BackOff({
      maxAttempts: 3,
      sleep: 5,
      evaluateResponse: async (response) => {
        const body = JSON.parse((await readBody(response)).toString('utf8')) as { error?: string };
        return body.error === undefined ? true : `API said: ${body.error}`;
      },
    });
    const bundle = await one(
      new Bundle(`${kit.url}/json-error?key=${key}&fail=1`, { filePath: 'answer.json' }),
      coordinator(t, home, strategy),
    );
    assert.equal(bundle.status, 'written', bundle.error?.message);
    assert.equal(bundle.attempts, 2);
    assert.ok(bundle.history[0]?.error instanceof ResponseCheckError);
    assert.match(bundle.history[0]?.error?.message ?? '', /API said: try again/);
    assert.deepEqual(JSON.parse(await readFile(bundle.filePath as string, 'utf8')), { ok: true });
  });

  it('without retries the refusal is the bundle’s error and nothing is written', async (t) => {
    const home = await tempHome(t);
    const strategy = new RequestStrategy({ evaluateResponse: () => false });
    const bundle = await one(
      `${kit.url}/files/${uniqueKey('refused')}.bin?size=10`,
      coordinator(t, home, strategy),
    );
    assert.equal(bundle.status, 'failed');
    assert.ok(bundle.error instanceof ResponseCheckError);
  });

  it('requests: each attempt applies its own change (the last repeats)', async (t) => {
    const home = await tempHome(t);
    const key = uniqueKey('requests');
    const strategy = new BackOff({
      maxAttempts: 3,
      sleep: 5,
      requests: [{ headers: { 'x-try': 'first' } }, { headers: { 'x-try': 'again' } }],
    });
    const bundle = await one(`${kit.url}/flaky/${key}?fail=2&status=503`, coordinator(t, home, strategy));
    assert.equal(bundle.status, 'written', bundle.error?.message);
    const tries = kit.server.requests(`/flaky/${key}`).map((entry) => entry.headers['x-try']);
    assert.deepEqual(tries, ['first', 'again', 'again']);
  });

  it('refuses options of the wrong type, naming them', () => {
    assert.throws(
      () => new RequestStrategy({ evaluateResponse: 'yes' as unknown as () => boolean }),
      /`evaluateResponse`/,
    );
    assert.throws(() => new RequestStrategy({ requests: {} as never }), /`requests`/);
  });
});
