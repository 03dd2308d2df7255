import { readFile } from 'node:fs/promises';
import { UsageError } from '../usage-error.js';

/** The TLS flags of the request commands, as commander hands them over. */
export interface TlsFlags {
  readonly insecure?: boolean;
  readonly caCertificate?: string;
}

/** The `AioDownload` options the TLS flags describe. */
export interface TlsOptions {
  readonly rejectUnauthorized: boolean;
  readonly ca?: string;
}

/**
 * `--insecure` → `rejectUnauthorized: false`; `--ca-certificate FILE` → `ca` with the PEM text of
 * FILE (trusted in place of Node's bundled list, as `curl --cacert`).
 * @throws UsageError when FILE cannot be read or holds no PEM certificate.
 */
export async function tlsOptionsFrom(flags: TlsFlags): Promise<TlsOptions> {
  const rejectUnauthorized = flags.insecure !== true;
  const file = flags.caCertificate;
  if (file === undefined) return { rejectUnauthorized };
  let ca: string;
  try {
    ca = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(
      `--ca-certificate cannot read ${file}${typeof code === 'string' ? ` (${code})` : ''}`,
    );
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new UsageError(`--ca-certificate expects a PEM file with a certificate, ${file} has none`);
  }
  return { rejectUnauthorized, ca };
}
