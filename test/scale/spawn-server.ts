import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** A server in a child process, listening on loopback. */
export interface SpawnedServer {
  /** Where it listens, e.g. `http://127.0.0.1:40123`. */
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then SIGKILL after 3 s; resolves once it is gone. */
  stop(): Promise<void>;
}

export interface SpawnServerOptions {
  /** The child's whole environment (nothing is inherited but PATH). */
  env?: Record<string, string>;
  cwd?: string;
  /** Default 30 s. */
  timeoutMs?: number;
  /**
   * `stdout` (default): the server prints a JSON line `{"listening": url}`. `control-fd`: workerd's
   * `--control-fd=3` reports `{"event":"listen","port":N}` on file descriptor 3.
   */
  ready?: 'stdout' | 'control-fd';
}

const urlFrom = (line: string, ready: SpawnServerOptions['ready']): string | undefined => {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const record = message as Record<string, unknown>;
  if (ready === 'control-fd') {
    return record.event === 'listen' && typeof record.port === 'number' ? `http://127.0.0.1:${record.port}` : undefined;
  }
  return typeof record.listening === 'string' ? record.listening.replace(/\/$/, '') : undefined;
};

const gone = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/**
 * Starts `command args` and resolves once the server says where it listens. A child that exits or stays silent
 * rejects with what it printed. Children are killed when the test process exits, whatever happens.
 *
 * @example
 * const relay = await spawnServer(process.execPath, ['--import', 'tsx', 'test/scale/fixtures/relay-server.ts'], { env });
 * afterAll(() => relay.stop());
 */
export const spawnServer = (
  command: string,
  args: string[],
  options: SpawnServerOptions = {},
): Promise<SpawnedServer> => {
  const ready = options.ready ?? 'stdout';
  const child = spawn(command, args, {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...options.env },
    stdio: ready === 'control-fd' ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (!gone(child)) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  };

  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${command} ${args.join(' ')}: ${reason}\n${output}`)));
    };
    const timer = setTimeout(
      () => fail(`not listening after ${options.timeoutMs ?? 30_000} ms`),
      options.timeoutMs ?? 30_000,
    );
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`exited (${String(code ?? signal)}) before listening`));
    const source = (ready === 'control-fd' ? child.stdio[3] : child.stdout) as Readable;
    const lines = createInterface({ input: source });
    lines.on('line', (line) => {
      const url = urlFrom(line, ready);
      if (url === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      lines.removeAllListeners('line');
      resolve({ url, child, output: () => output, stop });
    });
  });
};
