import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's nginx, unless `NGINX_PATH` names another build. */
export const nginxPath = (): string => {
  const path = process.env.NGINX_PATH || '/usr/sbin/nginx';
  if (!existsSync(path)) {
    throw new Error(`No nginx at ${path}: install Debian's nginx (apt-get install -y nginx) or set NGINX_PATH`);
  }
  return path;
};

/** A port nobody listens on right now, on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = address && typeof address === 'object' ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port was given'))));
    });
  });

export interface NginxServer {
  /** The directory nginx runs in: its prefix, temporary files and whatever the test puts there to serve. */
  directory: string;
  /** What nginx wrote to stderr so far (its error log). */
  output(): string;
  /** Stops nginx (fast shutdown), waits until it is gone, and deletes its directory. */
  stop(): Promise<void>;
}

// Debian's `nobody` and `nogroup`: where root would otherwise run nginx's workers as a user that may not exist.
const NOBODY = 65_534;
const START_MS = 20_000;

const chownTree = (path: string, id: number): void => {
  chownSync(path, id, id);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) chownTree(join(path, entry.name), id);
    else chownSync(join(path, entry.name), id, id);
  }
};

const waitForPort = async (port: number, child: ChildProcess, output: () => string): Promise<void> => {
  const deadline = Date.now() + START_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`nginx exited (${String(child.exitCode ?? child.signalCode)}) before listening:\n${output()}`);
    }
    try {
      await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      if (Date.now() > deadline) {
        throw new Error(`nginx was not listening on ${port} after ${START_MS} ms:\n${output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
};

/**
 * Runs nginx in the foreground with `server` (one or more `server { … }` blocks, as a site would include them in its
 * `http` block) and returns once `port` answers. Everything nginx writes stays in a fresh temporary directory (its
 * prefix): no root-only path, no daemon, no pid file elsewhere. `files` are written there first (relative paths),
 * for the server blocks to serve. As root, nginx runs as `nobody`; as anyone else, as that user.
 *
 * @example
 * const port = await freePort();
 * const nginx = await startNginx((dir) => `server { listen 127.0.0.1:${port}; root ${dir}/site; }`, port, {
 *   'site/index.html': '<!doctype html><title>Shop</title>',
 * });
 * await nginx.stop();
 */
export const startNginx = async (
  server: (directory: string) => string,
  port: number,
  files: Record<string, string> = {},
): Promise<NginxServer> => {
  const binary = nginxPath();
  const directory = mkdtempSync(join(tmpdir(), 'flowmatix-nginx-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), text);
  }
  // Every path nginx would otherwise take from its build (/var/lib/nginx, /var/log/nginx) points into the prefix.
  const config = `worker_processes 1;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path client_body;
    proxy_temp_path proxy;
    fastcgi_temp_path fastcgi;
    uwsgi_temp_path uwsgi;
    scgi_temp_path scgi;
    types { text/html html; application/javascript js; }
    default_type application/octet-stream;
${server(directory)}
}
`;
  writeFileSync(join(directory, 'nginx.conf'), config);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownTree(directory, NOBODY);
  const child = spawn(
    binary,
    [
      '-p',
      `${directory}/`,
      '-c',
      join(directory, 'nginx.conf'),
      '-e',
      'stderr',
      '-g',
      `daemon off; pid ${join(directory, 'nginx.pid')}; error_log stderr warn;`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...(asRoot && { uid: NOBODY, gid: NOBODY }) },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { directory, output: () => output, stop };
};
