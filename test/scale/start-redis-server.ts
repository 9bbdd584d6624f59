import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A redis-server of a test's own, on a loopback port, without persistence. */
export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server (SIGKILL, as a crash would) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing answers. */
  pause(): void;
  resume(): void;
  /** Stops it for good and removes its directory. */
  stop(): Promise<void>;
}

const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

/** A port that was free a moment ago. redis-server has no "pick a free port" of its own (`--port 0` turns TCP off). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const launch = (port: number, dir: string): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      REDIS_SERVER,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--logfile',
        '',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 10 s:\n${output}`));
    }, 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${REDIS_SERVER} not found: install Debian's redis-server (apt-get install redis-server) or set REDIS_SERVER`,
            )
          : error,
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${String(code)} before it was ready:\n${output}`));
    });
  });

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));

/**
 * Starts redis-server on a free loopback port (retrying if another process takes the port first).
 *
 * @example
 * const redis = await startRedisServer();
 * afterAll(() => redis.stop());
 */
export const startRedisServer = async (): Promise<RedisServer> => {
  const dir = await mkdtemp(join(tmpdir(), 'flowmatix-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 1; !child; attempt += 1) {
    port = await freePort();
    try {
      child = await launch(port, dir);
    } catch (error) {
      if (attempt === 3 || (error instanceof Error && error.message.includes('not found'))) throw error;
    }
  }
  let current: ChildProcess = child;
  // A test run that dies must not leave a server behind.
  const killOnExit = () => current.kill('SIGKILL');
  process.once('exit', killOnExit);

  const kill = async () => {
    current.kill('SIGCONT');
    current.kill('SIGKILL');
    await exited(current);
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: async () => {
      current = await launch(port, dir);
    },
    pause: () => current.kill('SIGSTOP'),
    resume: () => current.kill('SIGCONT'),
    stop: async () => {
      await kill();
      process.off('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
};
