import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

// `flowmatix-leads` from the sources, in a process of its own (see fixtures/cli.ts).
const CLI = ['--import', 'tsx', 'test/scale/fixtures/cli.ts'];
/** Generous: two shared cores, and tsx compiles the sources on each start. */
export const CLI_START_MS = 60_000;

/** A `flowmatix-leads relay` or `sandbox` process, once it said where it listens. */
export interface CliServer {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * Starts `flowmatix-leads ARGS` with exactly `env` and resolves once it prints `listening on URL`; rejects with its
 * output when it exits first or stays silent for CLI_START_MS.
 *
 * @example
 * const relay = await startCliServer(['relay', '--sandbox', '--port', '0'], { PATH, FLOWMATIX_BOTS: 'b:c' });
 */
export const startCliServer = (args: string[], env: Record<string, string>): Promise<CliServer> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args[0]} was not listening after ${CLI_START_MS} ms:\n${output}`));
    }, CLI_START_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited (${String(code ?? signal)}) before listening:\n${output}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: url.replace(/\/$/, ''), child, output: () => output });
    });
  });

/** Ends a CLI server with `signal` and resolves once it is gone. */
export const stopCliServer = (child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });

/** Runs a one-shot `flowmatix-leads ARGS` with exactly `env`; answers its exit code and output. */
export const runCli = (
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    execFile(process.execPath, [...CLI, ...args], { env, timeout: CLI_START_MS }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
