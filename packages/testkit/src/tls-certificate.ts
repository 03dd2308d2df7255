import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Which certificate to make:
 * - `self-signed`: its own issuer. A client fails with `DEPTH_ZERO_SELF_SIGNED_CERT`; one that trusts
 *   it (`ca`) checks the host name next (`ERR_TLS_CERT_ALTNAME_INVALID` for any other name).
 * - `expired`: self-signed and expired yesterday (`CERT_HAS_EXPIRED`, trusted or not).
 * - `unknown-issuer`: signed by a throwaway CA the server does not send
 *   (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`); serve `cert + ca` for `SELF_SIGNED_CERT_IN_CHAIN`.
 */
export type CertificateKind = 'self-signed' | 'expired' | 'unknown-issuer';

/** Options of {@link testCertificate}. */
export interface TestCertificateOptions {
  /**
   * The name the certificate is issued for (its subjectAltName; an IP address becomes an `IP:` entry).
   * @default 'localhost' (so a client of https://127.0.0.1 sees a wrong host name)
   */
  readonly hostname?: string;
  /** @default 'self-signed' */
  readonly kind?: CertificateKind;
  /** The `openssl` command. @default process.env.OPENSSL ?? 'openssl' */
  readonly binary?: string;
}

/** PEM texts for `createTestServer({ tls })`. */
export interface TestCertificate {
  /** The private key (EC P-256). */
  readonly key: string;
  /** The certificate the server presents. */
  readonly cert: string;
  /** What a client must trust to accept the chain (`NODE_EXTRA_CA_CERTS`): the CA, or `cert` itself. */
  readonly ca: string;
}

/** What to do when `openssl` cannot be run. */
export const OPENSSL_INSTALL_HINT =
  'the openssl command is needed for the TLS tests: install it with `sudo apt-get install -y openssl` ' +
  '(Debian/Ubuntu), or point OPENSSL at the binary';

const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function altName(hostname: string): string {
  return `subjectAltName=${isIP(hostname) === 0 ? 'DNS' : 'IP'}:${hostname}`;
}

/**
 * Make a fresh certificate with the `openssl` command (OpenSSL 1.1.1 or later, for `-addext`; the
 * tests run with Debian's OpenSSL 3.0). Nothing is kept on disk. Rejects with
 * {@link OPENSSL_INSTALL_HINT} when `openssl` is missing.
 *
 * @example
 * ```ts
 * const server = await createTestServer({ tls: await testCertificate({ hostname: 'wrong.example' }) });
 * ```
 */
export async function testCertificate(options: TestCertificateOptions = {}): Promise<TestCertificate> {
  const hostname = options.hostname ?? 'localhost';
  const kind = options.kind ?? 'self-signed';
  const binary = options.binary ?? process.env.OPENSSL ?? 'openssl';
  const dir = await mkdtemp(path.join(tmpdir(), 'drover-tls-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = async (...args: string[]) => {
    try {
      await run(binary, args);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new Error(
        code === 'ENOENT' ? OPENSSL_INSTALL_HINT : `openssl ${args[0]} failed: ${String(error)}`,
        {
          cause: error,
        },
      );
    }
  };
  const subject = ['-subj', `/CN=${hostname}`, '-addext', altName(hostname)];
  try {
    if (kind === 'unknown-issuer') {
      await openssl(
        'req',
        '-x509',
        ...KEY,
        '-keyout',
        file('ca.key'),
        '-out',
        file('ca.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=drover test CA',
      );
      await openssl('req', ...KEY, '-keyout', file('key.pem'), '-out', file('leaf.csr'), ...subject);
      await openssl(
        'x509',
        '-req',
        '-in',
        file('leaf.csr'),
        '-CA',
        file('ca.pem'),
        '-CAkey',
        file('ca.key'),
        '-set_serial',
        '1',
        '-days',
        '1',
        '-copy_extensions',
        'copy',
        '-out',
        file('cert.pem'),
      );
    } else {
      await openssl(
        'req',
        '-x509',
        ...KEY,
        '-keyout',
        file('key.pem'),
        '-out',
        file('cert.pem'),
        '-days',
        '1',
        ...subject,
      );
      // `req` refuses a negative validity; re-signing with -days -1 ends it a day before it starts.
      if (kind === 'expired') {
        await openssl(
          'x509',
          '-in',
          file('cert.pem'),
          '-signkey',
          file('key.pem'),
          '-days',
          '-1',
          '-out',
          file('cert.pem'),
        );
      }
    }
    const [key, cert] = await Promise.all([
      readFile(file('key.pem'), 'utf8'),
      readFile(file('cert.pem'), 'utf8'),
    ]);
    const ca = kind === 'unknown-issuer' ? await readFile(file('ca.pem'), 'utf8') : cert;
    return { key, cert, ca };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
