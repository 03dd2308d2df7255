import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  Bundle,
  HttpError,
  isDroverError,
  one,
  PathConflictError,
  RequestStrategy,
  redactUrl,
  swarm,
  type TransportName,
  uniqueFilename,
} from '@drover/core';
import { BASIC_AUTH_DEFAULT } from '@drover/testkit';
import { coordinator, tempHome, useServer } from './helpers.js';

const TRANSPORTS: readonly TransportName[] = ['undici', 'axios'];

/** A password no other text in a test contains, percent-encoded in URLs (`p@ss:wörd`). */
const PASSWORD = 'p@ss:w\u00f6rd-7f3a';
const ENCODED = encodeURIComponent(PASSWORD);

function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
}

/** Everything drover shows or keeps of a bundle, as one text to search for a password. */
function shown(bundle: Bundle): string {
  const error = bundle.error;
  const errorText = error === undefined ? '' : `${error.message} ${error.url} ${JSON.stringify(error)}`;
  return `${bundle.statusMsg} ${String(bundle)} ${bundle.finalUrl ?? ''} ${errorText}`;
}

describe('redactUrl', () => {
  const cases: Array<[string, string]> = [
    ['http://alice:secret@h/x', 'http://alice:***@h/x'],
    ['https://bob:hunter2@example.com/a?b=1#c', 'https://bob:***@example.com/a?b=1#c'],
    ['http://alice@h/x', 'http://alice@h/x'],
    ['http://alice:@h/x', 'http://alice:@h/x'],
    ['http://a:b@c@h/x?d@e', 'http://a:***@h/x?d@e'],
    ['http:alice:pw@h/x', 'http:alice:***@h/x'],
    ['http://h/p@x:y', 'http://h/p@x:y'],
    ['http://alice:secret@[bad/x', 'http://alice:***@[bad/x'],
    ['ht\ntp://alice:pw@h/x', 'http://alice:***@h/x'],
    ['not a url', 'not a url'],
  ];
  for (const [url, expected] of cases) {
    it(`shows ${JSON.stringify(url)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(redactUrl(url), expected);
      assert.equal(redactUrl(redactUrl(url)), expected, 'masking twice changes nothing');
    });
  }

  it('uniqueFilename does not hash the credentials', () => {
    assert.equal(uniqueFilename(`http://alice:${ENCODED}@h/x`), uniqueFilename('http://h/x'));
  });

  it('takes URL objects and never leaves the password in what it returns', () => {
    const url = new URL(`http://alice:${ENCODED}@h/x`);
    assert.equal(redactUrl(url), 'http://alice:***@h/x');
    assert.ok(!redactUrl(`\thttp://al\tice:${ENCODED}@h/`).includes('7f3a'));
  });
});

for (const transport of TRANSPORTS) {
  describe(`URL user info on the ${transport} transport`, () => {
    const kit = useServer();
    const other = useServer();
    const download = (t: Parameters<typeof coordinator>[0], home: string) =>
      coordinator(t, home, new RequestStrategy({ concurrent: 2 }), {}, { transport });
    const authUrl = (user: string, pass: string, query = `user=alice&pass=${ENCODED}`) =>
      `http://${user}:${pass}@${kit.url.slice('http://'.length)}/auth/basic?${query}`;
    // The route's default credentials, so the password is in the user info only, not in the query too.
    const { user, pass } = BASIC_AUTH_DEFAULT;
    const defaultAuthUrl = (password: string) =>
      `http://${user}:${password}@${kit.url.slice('http://'.length)}/auth/basic`;

    it('becomes Authorization: Basic of the decoded user and password; the URL sent has none', async (t) => {
      const home = await tempHome(t);
      const url = authUrl('alice', ENCODED);
      const bundle = await one(url, download(t, home));
      assert.equal(bundle.status, 'written', bundle.error?.message);
      assert.deepEqual(JSON.parse(await readFile(bundle.filePath as string, 'utf8')), { user: 'alice' });
      assert.equal(bundle.url, url, 'bundle.url stays what was given');
      assert.equal(bundle.finalUrl, `${kit.url}/auth/basic?user=alice&pass=${ENCODED}`);
      assert.ok(!(bundle.filePath as string).includes('alice:'), 'user info names no file');
      const seen = kit.server.requests('/auth/basic').at(-1);
      assert.equal(seen?.headers.authorization, basic('alice', PASSWORD));
      assert.ok(!String(seen?.host).includes('@'));
      assert.match(bundle.statusMsg, /alice:\*\*\*@/);
    });

    it('shows and keeps no password: statusMsg, final URL, errors', async (t) => {
      const home = await tempHome(t);
      const [good, bad] = await swarm(
        // Two paths: URLs that differ only in user info share one file (docs/url-paths.md).
        [defaultAuthUrl(pass), new Bundle(defaultAuthUrl(`${pass}-wrong`), { filePath: 'wrong' })],
        download(t, home),
      );
      assert.equal(good?.status, 'written', good?.error?.message);
      assert.equal(good?.statusMsg.includes(`${user}:***@`), true);
      assert.equal(bad?.status, 'failed');
      assert.ok(bad?.error instanceof HttpError);
      assert.equal(bad.error.status, 401);
      assert.match(
        bad.error.message,
        /^GET http:\/\/(drover:\*\*\*@)?127\.0\.0\.1:\d+\/auth\/basic: server answered 401$/,
      );
      for (const bundle of [good, bad])
        assert.ok(!shown(bundle as Bundle).includes(pass), shown(bundle as Bundle));
    });

    it('skipCached keeps its record without the password, and still trusts the file', async (t) => {
      const home = await tempHome(t);
      const strategy = new RequestStrategy();
      const first = coordinator(t, home, strategy, { skipCached: true }, { transport });
      const written = await one(defaultAuthUrl(pass), first);
      assert.equal(written.status, 'written', written.error?.message);
      const file = written.filePath as string;
      const record = await readFile(
        path.join(path.dirname(file), '.drover', `${path.basename(file)}.json`),
        'utf8',
      );
      assert.ok(!record.includes(pass), record);
      assert.match(record, /drover:\*\*\*@/);
      const second = coordinator(t, home, strategy, { skipCached: true }, { transport });
      assert.equal((await one(defaultAuthUrl(pass), second)).status, 'cached');
    });

    it('masks the password in errors raised before any response', async (t) => {
      const home = await tempHome(t);
      // A port nothing listens on: the connection is refused, and the error names the URL as given.
      const refused = `http://${user}:${pass}@127.0.0.1:1/x`;
      const bundle = await one(refused, download(t, home));
      assert.equal(bundle.status, 'failed');
      assert.equal(bundle.error?.url, `http://${user}:***@127.0.0.1:1/x`);
      assert.ok(!shown(bundle).includes(pass), shown(bundle));
    });

    it("the caller's own Authorization header wins over user info", async (t) => {
      const home = await tempHome(t);
      const bundle = new Bundle(authUrl('alice', 'not-this-one', 'user=bob&pass=right'), {
        headers: { Authorization: basic('bob', 'right') },
      });
      const done = await one(bundle, download(t, home));
      assert.equal(done.status, 'written', done.error?.message);
      assert.deepEqual(JSON.parse(await readFile(done.filePath as string, 'utf8')), { user: 'bob' });
    });

    it('credentials follow a redirect on the same origin, never to another one', async (t) => {
      const home = await tempHome(t);
      const target = encodeURIComponent(`/auth/basic?user=alice&pass=${ENCODED}`);
      const host = kit.url.slice('http://'.length);
      const same = `http://alice:${ENCODED}@${host}/redirect/1?to=${target}`;
      const away = `http://alice:${ENCODED}@${host}/redirect-to?url=${encodeURIComponent(`${other.url}/echo`)}`;
      const [kept, dropped] = await swarm([same, away], download(t, home));
      assert.equal(kept?.status, 'written', kept?.error?.message);
      assert.equal(kept?.finalUrl, `${kit.url}/auth/basic?user=alice&pass=${ENCODED}`);
      assert.equal(dropped?.status, 'written', dropped?.error?.message);
      assert.equal(dropped?.finalUrl, `${other.url}/echo`);
      const echoed = other.server.requests('/echo');
      assert.equal(echoed.length, 1);
      assert.equal(echoed[0]?.headers.authorization, undefined);
      assert.ok(!(await readFile(dropped?.filePath as string, 'utf8')).includes(basic('alice', PASSWORD)));
    });

    it('credentials a server puts in Location are not used, nor kept in the final URL', async (t) => {
      const home = await tempHome(t);
      const location = `http://mallory:${ENCODED}@${other.url.slice('http://'.length)}/echo?from=location`;
      const bundle = await one(
        `${kit.url}/redirect-to?url=${encodeURIComponent(location)}`,
        download(t, home),
      );
      assert.equal(bundle.status, 'written', bundle.error?.message);
      assert.equal(bundle.finalUrl, `${other.url}/echo?from=location`);
      const [seen] = other.server.requests('/echo?from=location');
      assert.equal(seen?.headers.authorization, undefined);
    });

    it('a path conflict names the owner with its password masked', async (t) => {
      const home = await tempHome(t);
      const [first, second] = await swarm(
        [
          new Bundle(defaultAuthUrl(pass), { filePath: 'one-name' }),
          new Bundle(`${kit.url}/files/other?size=3`, { filePath: 'one-name' }),
        ],
        download(t, home),
      );
      assert.equal(first?.status, 'written');
      assert.ok(second?.error instanceof PathConflictError, `${second?.statusMsg} ${second?.error?.message}`);
      assert.ok(isDroverError(second.error));
      assert.equal(second.error.claimedBy, redactUrl(first?.url ?? ''));
      assert.ok(!second.error.message.includes(pass));
      assert.match(second.error.message, /already the target of http:\/\/drover:\*\*\*@/);
    });
  });
}
