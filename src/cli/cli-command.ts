/** Where a command writes: `process.stdout`/`process.stderr`, or a test's capture. */
export interface CliStream {
  write(chunk: string): unknown;
  /** True for a terminal: progress indicators show only then. */
  isTTY?: boolean;
}

/** Everything a command may touch besides the network, so that tests can run it in-process. */
export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  env: Readonly<Record<string, string | undefined>>;
  /** When it aborts, long-running commands stop. Without it they stop on SIGINT or SIGTERM (see `waitForStop`). */
  signal?: AbortSignal;
}

/**
 * One `flowmatix-leads` command. `--help`/`-h` is handled before `run` (it prints `usage`); `run` parses the rest
 * with `parseCommandArgs`, throws `CliError`/`UsageError` for what the user must fix, and resolves to the exit code.
 *
 * @example
 * export const helloCommand: CliCommand = {
 *   name: 'hello',
 *   summary: 'Say hello',
 *   usage: 'Usage: flowmatix-leads hello [--name NAME]\n',
 *   async run(argv, io) {
 *     const { values } = parseCommandArgs(argv, { name: { type: 'string' } });
 *     io.stdout.write(`Hello ${values.name ?? 'you'}\n`);
 *     return 0;
 *   },
 * };
 */
export interface CliCommand {
  name: string;
  /** One line for the command list of `flowmatix-leads --help`. */
  summary: string;
  /** The whole `--help` text, ending with a newline. */
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}
