import { FlowmatixError } from '../flowmatix/flowmatix-error';
import { REDACTED } from '../flowmatix/redact-token';
import type { CliCommand, CliIo } from './cli-command';
import { CliError, UsageError } from './cli-error';

export interface CliProgram {
  name: string;
  version: string;
  commands: readonly CliCommand[];
}

const usageOf = ({ name, commands }: CliProgram): string => {
  const width = Math.max(...commands.map((command) => command.name.length));
  return `Usage: ${name} <command> [options]

Turn the forms a website already has into leads in the Flowmatix chat inbox.

Commands:
${commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Options:
  -h, --help     Show help; after a command, that command's help
  -v, --version  Show the version

Environment:
  FLOWMATIX_TOKEN         The API token (never printed)
  FLOWMATIX_API_URL       Default https://api.v7.flowmatix.ai (a sandbox's URL for local work)
  FLOWMATIX_BOT_ID        The bot, from the widget tag: <script id="flowmatix-messenger-widget">BOT_ID,CUSTOMER_ID
  FLOWMATIX_CUSTOMER_ID   The customer, from the same tag
  FLOWMATIX_TOKEN_HEADER  The token header of the lead update (default x-bp-token)

Run '${name} <command> --help' for a command's options.
`;
};

const wantsHelp = (argv: string[]): boolean => {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
};

/**
 * One line, whatever the error: control characters (from an upstream's message, say) become spaces, and the
 * token from the environment is masked even if something let it slip into a message.
 */
const oneLine = (error: unknown, env: CliIo['env']): string => {
  const message = error instanceof Error ? error.message : String(error);
  const token = env.FLOWMATIX_TOKEN?.trim();
  const masked = token ? message.split(token).join(REDACTED) : message;
  return (
    masked
      .replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]+/gu, ' ')
      .replace(/ {2,}/g, ' ')
      .trim() || 'failed'
  );
};

/**
 * Dispatches `argv` to a command and turns every failure into one line on stderr (`name: message`) and an exit
 * code: 2 for usage errors, 1 for the rest. Never prints a stack trace.
 *
 * @example
 * process.exitCode = await runCli({ name: 'flowmatix-leads', version, commands }, process.argv.slice(2), io);
 */
export const runCli = async (program: CliProgram, argv: string[], io: CliIo): Promise<number> => {
  const [first, ...rest] = argv;
  let command: CliCommand | undefined;
  try {
    if (first === undefined) {
      io.stderr.write(usageOf(program));
      return 2;
    }
    if (first === '--help' || first === '-h') {
      io.stdout.write(usageOf(program));
      return 0;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`${program.version}\n`);
      return 0;
    }
    if (first === 'help') {
      const topic = program.commands.find((candidate) => candidate.name === rest[0]);
      io.stdout.write(topic ? topic.usage : usageOf(program));
      return 0;
    }
    command = program.commands.find((candidate) => candidate.name === first);
    if (!command) {
      const names = program.commands.map((candidate) => candidate.name).join(', ');
      throw new UsageError(
        first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}" (commands: ${names})`,
      );
    }
    if (wantsHelp(rest)) {
      io.stdout.write(command.usage);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    const hint =
      error instanceof UsageError
        ? ` (see ${program.name}${command ? ` ${command.name}` : ''} --help)`
        : error instanceof FlowmatixError && error.code === 'unauthorized'
          ? ' (check FLOWMATIX_TOKEN, and FLOWMATIX_TOKEN_HEADER if set)'
          : '';
    io.stderr.write(`${program.name}: ${oneLine(error, io.env)}${hint}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
};
