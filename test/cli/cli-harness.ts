import { main } from '../../src/cli/index';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** Whether stderr claims to be a terminal (for progress output). */
  tty?: boolean;
  signal?: AbortSignal;
  /** Called with each stdout chunk as it is written, e.g. to react to a server's URL. */
  onStdout?: (chunk: string) => void;
}

/** Runs `flowmatix-leads` in-process with captured streams and only the given environment. */
export const runCli = async (argv: string[], options: RunOptions = {}): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: {
      write: (chunk: string) => {
        stdout += chunk;
        options.onStdout?.(chunk);
      },
    },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: options.tty ?? false },
    env: options.env ?? {},
    ...(options.signal && { signal: options.signal }),
  });
  return { code, stdout, stderr };
};
