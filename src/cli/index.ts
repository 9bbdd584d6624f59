import type { CliIo } from './cli-command';
import { doctorCommand } from './doctor-command';
import { heldCommand } from './held-command';
import { listCommand } from './list-command';
import { previewCommand } from './preview-command';
import { pushCommand } from './push-command';
import { readVersion } from './read-version';
import { relayCommand } from './relay-command';
import { runCli } from './run-cli';
import { sandboxCommand } from './sandbox-command';

export type { CliCommand, CliIo, CliStream } from './cli-command';
export { CliError, UsageError } from './cli-error';

/** Every command, in the order `--help` lists them. */
const COMMANDS = [relayCommand, sandboxCommand, listCommand, pushCommand, heldCommand, previewCommand, doctorCommand];

let watchingStdout = false;

// `flowmatix-leads list | head` closes the pipe early: the reader's choice, not an error worth a stack trace.
const onStdoutError = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'EPIPE') process.stderr.write(`flowmatix-leads: cannot write the output: ${error.message}\n`);
};

/**
 * Runs `flowmatix-leads` with `argv` (without `node` and the script) and resolves to the exit code. `io` defaults
 * to the process's streams, environment and signals; tests pass their own.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export const main = async (argv: string[], io: Partial<CliIo> = {}): Promise<number> => {
  if (!io.stdout && !watchingStdout) {
    watchingStdout = true;
    process.stdout.on('error', onStdoutError);
  }
  return runCli({ name: 'flowmatix-leads', version: readVersion(), commands: COMMANDS }, argv, {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    ...(io.signal && { signal: io.signal }),
  });
};
