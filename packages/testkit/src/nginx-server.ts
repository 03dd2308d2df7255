import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

/** Options of {@link startNginx}. */
export interface NginxOptions {
  /** The folder nginx serves (`root`). Files are served as they are, with nginx's own ETag, Range and HEAD. */
  readonly root: string;
  /**
   * Extra `location` blocks: the key is what follows `location` (`/tiny/`, `= /x`, `~ \.gz$`), the
   * value the directives inside the braces.
   * @default {}
   * @example { '/tiny/': 'try_files /tiny.bin =404;' }
   */
  readonly locations?: Readonly<Record<string, string>>;
  /**
   * Extra directives inside the `server` block, e.g. `keepalive_requests 3;`.
   * @default ''
   */
  readonly directives?: string;
  /**
   * The `nginx` binary.
   * @default process.env.NGINX, else `nginx` on the PATH, else `/usr/sbin/nginx`
   */
  readonly binary?: string;
}

/** One request as nginx logged it (after the response was sent). */
export interface NginxLogEntry {
  readonly method: string;
  /** The request target as received: path and query. */
  readonly uri: string;
  readonly status: number;
  /** Body bytes sent (0 for HEAD and 304). */
  readonly bytes: number;
  /** nginx's serial number of the connection: equal numbers mean one keep-alive connection. */
  readonly connection: number;
}

/** A real nginx child process on 127.0.0.1; see {@link startNginx}. */
export interface NginxHandle {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** What `nginx -v` says, e.g. `nginx/1.22.1`. */
  readonly version: string;
  /** Its temporary prefix folder (configuration, pid, logs, temp dirs). */
  readonly dir: string;
  /** Every request served so far, in order (nginx writes a log line once a response is finished). */
  requests(): Promise<NginxLogEntry[]>;
  /** Stop nginx (SIGTERM, SIGKILL after 5 s) and remove its folder. Safe to call twice. */
  close(): Promise<void>;
}

/** What to do when `nginx` cannot be run. */
export const NGINX_INSTALL_HINT =
  'nginx is needed by the tests: install it with `sudo apt-get install -y nginx-light` ' +
  '(Debian/Ubuntu; `brew install nginx` on macOS), or point NGINX at the binary';

/** A path the readiness probe asks for; answered by nginx itself and left out of the log. */
const PROBE = '/.drover-nginx-probe';

/** The binary to run: the option, `NGINX`, `nginx` on the PATH, else Debian's `/usr/sbin/nginx`. */
export function nginxBinary(binary?: string): string | undefined {
  const candidates = binary !== undefined ? [binary] : [process.env.NGINX ?? 'nginx', '/usr/sbin/nginx'];
  for (const candidate of candidates) {
    const result = spawnSync(candidate, ['-v'], { encoding: 'utf8' });
    if (result.error === undefined && result.status === 0) return candidate;
  }
  return undefined;
}

function configFor(dir: string, port: number, options: NginxOptions): string {
  const temp = (name: string) => path.join(dir, 'temp', name);
  const locations = Object.entries(options.locations ?? {})
    .map(([match, body]) => `    location ${match} { ${body} }\n`)
    .join('');
  // As root, nginx's workers would run as `nobody` and could not read a private temporary root.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}daemon off;
master_process on;
worker_processes 1;
pid ${path.join(dir, 'nginx.pid')};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  log_format drover '$request_method $request_uri $status $body_bytes_sent $connection';
  access_log ${path.join(dir, 'access.log')} drover;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${path.resolve(options.root)};
    location = ${PROBE} { access_log off; return 204; }
${locations}    ${options.directives ?? ''}
  }
}
`;
}

/** Resolves true once nginx answers the probe, false when it exits or 10 s pass. */
function whenServing(child: ChildProcess, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const deadline = Date.now() + 10_000;
    let done = false;
    const finish = (up: boolean) => {
      if (done) return;
      done = true;
      child.off('exit', onExit);
      resolve(up);
    };
    const onExit = () => finish(false);
    child.once('exit', onExit);
    const probe = () => {
      if (done) return;
      const req = request({ host: '127.0.0.1', port, path: PROBE, agent: false }, (res) => {
        res.resume();
        finish(res.statusCode === 204);
      });
      req.on('error', () => {
        if (Date.now() > deadline) finish(false);
        else setTimeout(probe, 20);
      });
      req.end();
    };
    probe();
  });
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    // SIGTERM is nginx's fast shutdown: the master stops its worker, then exits.
    child.kill('SIGTERM');
  });
}

/** Start nginx once on `port`; resolves with the running child or the reason it did not start. */
async function launch(
  binary: string,
  dir: string,
  port: number,
  options: NginxOptions,
): Promise<{ readonly child: ChildProcess } | { readonly failure: string }> {
  const conf = path.join(dir, 'nginx.conf');
  await writeFile(conf, configFor(dir, port, options));
  const child = spawn(binary, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.once('error', (error) => {
    stderr += error.message;
  });
  if (await whenServing(child, port)) return { child };
  await stopped(child);
  const log = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
  return { failure: (stderr + log).trim() || 'no answer within 10 s' };
}

function parseLine(line: string): NginxLogEntry | undefined {
  const [method, uri, status, bytes, connection] = line.split(' ');
  if (method === undefined || uri === undefined || connection === undefined) return undefined;
  return { method, uri, status: Number(status), bytes: Number(bytes), connection: Number(connection) };
}

/**
 * Start a real nginx on a free 127.0.0.1 port serving `root`, as a non-daemon child process with
 * its own prefix, pid file, logs and temp folders in a temporary folder (no system files are
 * touched). One worker, nginx's defaults otherwise (keep-alive, sendfile, ETag, Range, HEAD).
 * For tests that need a real server besides the testkit.
 * @throws Error with {@link NGINX_INSTALL_HINT} when nginx is not installed, or with nginx's own
 * message when it does not start.
 * @example
 * const nginx = await startNginx({ root: dir });
 * const res = await fetch(`${nginx.url}/a.bin`, { method: 'HEAD' });
 * await nginx.close();
 */
export async function startNginx(options: NginxOptions): Promise<NginxHandle> {
  const binary = nginxBinary(options.binary);
  if (binary === undefined) throw new Error(NGINX_INSTALL_HINT);
  const version = spawnSync(binary, ['-v'], { encoding: 'utf8' })
    .stderr.trim()
    .replace(/^nginx version:\s*/, '');
  const dir = await mkdtemp(path.join(tmpdir(), 'drover-nginx-'));
  for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(path.join(dir, 'temp', name), { recursive: true });
  }
  let started: { child: ChildProcess; port: number } | undefined;
  for (let tries = 0; started === undefined; tries++) {
    const port = await freePort();
    const result = await launch(binary, dir, port, options);
    if ('child' in result) started = { child: result.child, port };
    // Another process may take the port between the probe and the start: try another one.
    else if (tries >= 4 || !/in use/i.test(result.failure)) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`nginx did not start: ${result.failure}`);
    }
  }
  const { child, port } = started;
  // A test process that exits without close() must not leave nginx listening.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    version,
    dir,
    async requests() {
      const text = await readFile(path.join(dir, 'access.log'), 'utf8').catch(() => '');
      return text
        .split('\n')
        .map(parseLine)
        .filter((entry): entry is NginxLogEntry => entry !== undefined);
    },
    close() {
      closing ??= stopped(child).then(async () => {
        process.off('exit', killOnExit);
        await rm(dir, { recursive: true, force: true });
      });
      return closing;
    },
  };
}
