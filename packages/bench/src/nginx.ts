import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runChild } from './child.js';
import { type FileServer, freePort, nginxUrls, waitUntilServing } from './file-server.js';

/** The nginx configuration the benchmark runs with: its own prefix, pid, temp dirs, no access log. */
export function nginxConfig(prefix: string, dataDir: string, port: number): string {
  const temp = (name: string) => path.join(prefix, 'temp', name);
  return `daemon off;
master_process on;
worker_processes 1;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  keepalive_timeout 120s;
  open_file_cache max=4096 inactive=120s;
  server {
    listen 127.0.0.1:${port};
    root ${dataDir};
    location /tiny/ { try_files /tiny.bin =404; }
  }
}
`;
}

async function version(binary: string): Promise<string> {
  const result = await runChild(binary, ['-v'], { timeoutMs: 5000 });
  return (result.stderr || result.stdout).trim().replace(/^nginx version:\s*/, '');
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  }
}

/**
 * Start nginx on a free 127.0.0.1 port serving `dataDir`, with everything it writes under `prefix`.
 * Rejects (after stopping it) when it does not serve `/tiny.bin` within 5 s.
 */
export async function startNginx(binary: string, prefix: string, dataDir: string): Promise<FileServer> {
  for (const name of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    await mkdir(path.join(prefix, 'temp', name), { recursive: true });
  }
  const port = await freePort();
  const conf = path.join(prefix, 'nginx.conf');
  await writeFile(conf, nginxConfig(prefix, dataDir, port));
  const errorLog = path.join(prefix, 'error.log');
  const child = spawn(binary, ['-p', prefix, '-c', conf, '-e', errorLog], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const spawnError = once(child, 'error').then(([error]) => error as Error);
  const origin = `http://127.0.0.1:${port}`;
  const up = await Promise.race([waitUntilServing(`${origin}/tiny.bin`, 50), spawnError.then(() => false)]);
  if (!up) {
    await stop(child);
    throw new Error(`nginx did not start: ${stderr.trim() || 'no answer on /tiny.bin'}`);
  }
  let closed: Promise<void> | undefined;
  return {
    kind: 'nginx',
    description: `nginx ${await version(binary)} (1 worker, sendfile, open_file_cache, keepalive_requests 100000, access log off)`,
    origin,
    urls: (kind) => nginxUrls(origin, kind),
    close() {
      closed ??= stop(child);
      return closed;
    },
  };
}
