/**
 * An error the user can fix, shown as one line (`flowmatix-leads: <message>`) with exit code 1. Its message must
 * be worth reading on its own: what is wrong and, when it helps, what to do.
 *
 * @example
 * throw new CliError('FLOWMATIX_TOKEN is not set');
 */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly exitCode: number = 1;
}

/**
 * A command line that cannot mean anything: unknown command or option, a missing or malformed value. Exit code 2.
 *
 * @example
 * throw new UsageError('--page is a whole number from 1, not "0"');
 */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  override readonly exitCode = 2;
}
