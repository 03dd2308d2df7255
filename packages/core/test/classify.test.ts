import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  AioDownload,
  BackOff,
  DownloadStrategy,
  ERROR_CODES,
  errorCodeRule,
  Lenient,
  one,
  type TransportName,
} from '@drover/core';
import {
  canIsolateDns,
  createTestServer,
  freePort,
  isolatedDnsCommand,
  type LookupFailure,
  type TestServer,
  testCertificate,
} from '@drover/testkit';
import { type Outcome, outcomeOf } from './fixtures/outcome.js';
import { listFiles, tempHome, useServer } from './helpers.js';

const run = promisify(execFile);
const TRANSPORTS: readonly TransportName[] = ['undici', 'axios'];
/** Attempts allowed in every case: a transient failure uses them all, a permanent one only the first. */
const ATTEMPTS = 3;
const CHILD = path.join(import.meta.dirname, 'fixtures', 'one-child.ts');
const TSX = import.meta.resolve('tsx');

/** What a case must end as, on both transports. */
interface Expected {
  readonly name: 'NetworkError' | 'ReadError';
  readonly transient: boolean;
  readonly requestSent: boolean;
  /** The codes that may classify it, per transport (`X*`: any code starting with X; undici's parser errors carry none). */
  readonly causeCodes: Readonly<Record<TransportName, ReadonlyArray<string | undefined>>>;
}

/** Fetch `url` in this process with a fast BackOff; the outcome, the server's request count, the files. */
async function fetchHere(
  t: { after(fn: () => Promise<void>): void },
  transport: TransportName,
  url: string,
): Promise<{ outcome: Outcome; files: string[] }> {
  const home = await tempHome(t);
  const download = new AioDownload({
    transport,
    requestStrategy: new BackOff({ maxAttempts: ATTEMPTS, sleep: 1, maxSleep: 1 }),
    downloadStrategy: new DownloadStrategy({ home }),
  });
  t.after(() => download.close());
  const bundle = await one(url, download);
  return { outcome: outcomeOf(bundle), files: await listFiles(home) };
}

/** Fetch `url` in a child process (isolated DNS, or extra trusted certificates). */
async function fetchInChild(
  t: { after(fn: () => Promise<void>): void },
  transport: TransportName,
  url: string,
  options: { readonly dns?: LookupFailure; readonly env?: Record<string, string> },
): Promise<Outcome> {
  const home = await tempHome(t);
  const node = [
    process.execPath,
    ['--import', TSX, '--conditions=source', CHILD, url, transport, `${ATTEMPTS}`, home],
  ] as const;
  const { command, args } =
    options.dns === undefined
      ? { command: node[0], args: node[1] }
      : isolatedDnsCommand(options.dns, ...node);
  const { stdout } = await run(command, [...args], {
    timeout: 30_000,
    env: { ...process.env, ...options.env },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Outcome;
}

function check(outcome: Outcome, expected: Expected, transport: TransportName): void {
  const context = `${transport}: ${outcome.message}`;
  assert.equal(outcome.status, 'failed', context);
  assert.equal(outcome.name, expected.name, context);
  assert.equal(outcome.transient, expected.transient, context);
  assert.equal(outcome.requestSent, expected.requestSent, context);
  assert.equal(outcome.attempts, expected.transient ? ATTEMPTS : 1, context);
  const known = expected.causeCodes[transport].some((code) =>
    code?.endsWith('*') === true
      ? outcome.causeCode?.startsWith(code.slice(0, -1))
      : code === outcome.causeCode,
  );
  assert.ok(known, `${context} (${outcome.causeCode})`);
}

const permanentNetwork = (undici: string[], axios: string[] = undici, requestSent = false): Expected => ({
  name: 'NetworkError',
  transient: false,
  requestSent,
  causeCodes: { undici, axios },
});

describe('one classification table, the same on both transports', { timeout: 60_000 }, () => {
  const kit = useServer();

  /** Cases against the testkit over plain HTTP: [what, path, expected]. */
  const local: ReadonlyArray<readonly [string, string, Expected]> = [
    [
      'header overflow is permanent',
      '/header-overflow',
      permanentNetwork(['UND_ERR_HEADERS_OVERFLOW'], ['HPE_HEADER_OVERFLOW'], true),
    ],
    [
      'invalid chunked encoding is permanent',
      '/bad-chunked',
      {
        name: 'ReadError',
        transient: false,
        requestSent: true,
        causeCodes: { undici: [undefined], axios: ['HPE_INVALID_CHUNK_SIZE'] },
      },
    ],
    ...['gzip', 'deflate', 'br'].map(
      (encoding) =>
        [
          `a body that claims ${encoding} but does not decode is permanent`,
          `/bad-encoding?encoding=${encoding}`,
          {
            name: 'ReadError',
            transient: false,
            requestSent: true,
            causeCodes: { undici: ['Z_DATA_ERROR', 'ERR__ERROR_*'], axios: ['Z_DATA_ERROR', 'ERR__ERROR_*'] },
          },
        ] as const,
    ),
    [
      'a connection reset before the response is transient',
      '/flaky/{key}?fail=9&mode=reset',
      {
        name: 'NetworkError',
        transient: true,
        requestSent: true,
        causeCodes: { undici: ['ECONNRESET', 'UND_ERR_SOCKET'], axios: ['ECONNRESET'] },
      },
    ],
  ];

  for (const [what, target, expected] of local) {
    it(what, async (t) => {
      for (const transport of TRANSPORTS) {
        const key = `classify-${transport}-${process.pid}-${Math.random()}`;
        const url = `${kit.url}${target.replace('{key}', key)}`;
        const before = kit.server.log.length;
        const { outcome, files } = await fetchHere(t, transport, url);
        check(outcome, expected, transport);
        assert.equal(kit.server.log.length - before, outcome.attempts, 'one request per attempt');
        assert.deepEqual(files, [], 'nothing on disk');
      }
    });
  }

  it('a refused connection is transient and was not sent', async (t) => {
    const port = await freePort();
    for (const transport of TRANSPORTS) {
      const { outcome } = await fetchHere(t, transport, `http://127.0.0.1:${port}/x`);
      check(outcome, { ...permanentNetwork(['ECONNREFUSED']), transient: true }, transport);
    }
  });

  it('Lenient gives up on a permanent error after one attempt, without its 60 s wait', async (t) => {
    const home = await tempHome(t);
    for (const transport of TRANSPORTS) {
      const download = new AioDownload({
        transport,
        requestStrategy: new Lenient(),
        downloadStrategy: new DownloadStrategy({ home }),
      });
      t.after(() => download.close());
      const started = Date.now();
      const bundles = await Promise.all(
        ['/header-overflow', '/bad-chunked', '/bad-encoding'].map((target) =>
          one(`${kit.url}${target}`, download),
        ),
      );
      assert.deepEqual(
        bundles.map((bundle) => [bundle.attempts, bundle.error?.transient]),
        [
          [1, false],
          [1, false],
          [1, false],
        ],
      );
      // A liveness bound, not a timing: one retry would have waited 60 s.
      assert.ok(Date.now() - started < 30_000);
    }
  });
});

describe('TLS verification failures are permanent on both transports', { timeout: 90_000 }, () => {
  const servers: TestServer[] = [];
  const serve = async (tls: { key: string; cert: string }) => {
    const server = await createTestServer({ tls });
    servers.push(server);
    return server;
  };
  const done = () => Promise.all(servers.splice(0).map((server) => server.close()));

  it('self-signed, expired, unknown issuer, untrusted root', async (t) => {
    t.after(done);
    const selfSigned = await testCertificate({ hostname: '127.0.0.1' });
    const expired = await testCertificate({ hostname: '127.0.0.1', kind: 'expired' });
    const leaf = await testCertificate({ hostname: '127.0.0.1', kind: 'unknown-issuer' });
    const cases: ReadonlyArray<readonly [{ key: string; cert: string }, string]> = [
      [selfSigned, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
      [expired, 'CERT_HAS_EXPIRED'],
      [leaf, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
      [{ key: leaf.key, cert: leaf.cert + leaf.ca }, 'SELF_SIGNED_CERT_IN_CHAIN'],
    ];
    for (const [tls, code] of cases) {
      const server = await serve(tls);
      for (const transport of TRANSPORTS) {
        const { outcome } = await fetchHere(t, transport, `${server.url}/files/tls?size=10`);
        check(outcome, permanentNetwork([code]), transport);
        assert.equal(server.log.length, 0, 'no request got through the handshake');
      }
    }
  });

  it('a certificate for another host name, from a trusted issuer (a process that trusts it)', async (t) => {
    t.after(done);
    const certificate = await testCertificate({ hostname: 'wrong-host.invalid' });
    const server = await serve(certificate);
    const ca = path.join(await tempHome(t), 'ca.pem');
    await writeFile(ca, certificate.ca);
    const outcomes = await Promise.all(
      TRANSPORTS.map((transport) =>
        fetchInChild(t, transport, `${server.url}/files/tls?size=10`, { env: { NODE_EXTRA_CA_CERTS: ca } }),
      ),
    );
    for (const [i, outcome] of outcomes.entries()) {
      check(outcome, permanentNetwork(['ERR_TLS_CERT_ALTNAME_INVALID']), TRANSPORTS[i] as TransportName);
      assert.match(outcome.message ?? '', /not valid for this host name/);
    }
    assert.equal(server.log.length, 0);
  });
});

/** `no-such-host.invalid` fetched on each transport, in processes whose lookups fail as `dns` says. */
function inChildren(t: { after(fn: () => Promise<void>): void }, dns: LookupFailure): Promise<Outcome[]> {
  return Promise.all(
    TRANSPORTS.map((transport) => fetchInChild(t, transport, 'http://no-such-host.invalid/x', { dns })),
  );
}

describe('DNS: an unknown host is permanent, a resolver that cannot answer is transient', {
  timeout: 90_000,
  skip: canIsolateDns()
    ? false
    : 'needs `unshare --mount --net` (util-linux, as root) for deterministic lookups',
}, () => {
  it('ENOTFOUND (NXDOMAIN) fails after one attempt and says why', async (t) => {
    const outcomes = await inChildren(t, 'not-found');
    for (const [i, outcome] of outcomes.entries()) {
      check(outcome, permanentNetwork(['ENOTFOUND']), TRANSPORTS[i] as TransportName);
      assert.match(outcome.message ?? '', /^GET http:\/\/no-such-host\.invalid\/x: host not found/);
    }
  });

  it('EAI_AGAIN is retried, and was not sent', async (t) => {
    const outcomes = await inChildren(t, 'unreachable');
    for (const [i, outcome] of outcomes.entries()) {
      check(outcome, { ...permanentNetwork(['EAI_AGAIN']), transient: true }, TRANSPORTS[i] as TransportName);
    }
  });
});

describe('the table itself', () => {
  it('every code finds its own row, a family, or the catch-all', () => {
    for (const key of Object.keys(ERROR_CODES)) {
      if (!key.endsWith('*')) assert.equal(errorCodeRule(key), ERROR_CODES[key], key);
    }
    assert.equal(errorCodeRule('HPE_SOMETHING_NEW'), ERROR_CODES['HPE_*']);
    assert.equal(errorCodeRule('ERR_TLS_SOMETHING_NEW'), ERROR_CODES['ERR_TLS_*']);
    assert.equal(errorCodeRule('ERR_SSL_WRONG_VERSION_NUMBER'), ERROR_CODES['ERR_SSL_*']);
    assert.equal(errorCodeRule('ENOSOMETHING'), ERROR_CODES['E*']);
    assert.equal(errorCodeRule('ERR_SOMETHING'), ERROR_CODES['ERR_*']);
    assert.equal(errorCodeRule(undefined), ERROR_CODES['*']);
    assert.equal(errorCodeRule('EAI_FAIL').transient, false);
    assert.equal(errorCodeRule('EAI_NONAME').transient, false);
  });

  it('docs/errors.md shows exactly this table', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(path.join(import.meta.dirname, '..', '..', '..', 'docs', 'errors.md'), 'utf8');
    const section = doc.split('<!-- error-codes:start -->')[1]?.split('<!-- error-codes:end -->')[0] ?? '';
    const rows = section
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    const documented = rows.map(([, code, source, transient, sent, meaning, becomes]) => [
      code?.replaceAll('`', ''),
      { source, transient: transient === 'yes', requestSent: sent === 'maybe', meaning, becomes },
    ]);
    assert.deepEqual(Object.fromEntries(documented), { ...ERROR_CODES });
  });
});
