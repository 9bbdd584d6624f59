import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What `parseArgs` gives for these options, spelled out so that declarations can name it. */
export type ParsedCommandArgs<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: boolean }>
>;

// Node's messages are long and mention its own API; ours name the option and stop there.
const rephrase = (error: Error & { code?: string }): string => {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  const option = quoted?.split(' ')[0] ?? '';
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return error.message.includes('argument missing') || error.message.includes('ambiguous')
        ? `${option} needs a value (use ${option}=VALUE for a value that starts with -)`
        : `${option} takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted ? `"${quoted}"` : ''}`.trim();
    default:
      return error.message;
  }
};

/**
 * `node:util` `parseArgs` in strict mode, with positionals refused unless allowed, and its errors turned into
 * `UsageError`s that name the option.
 *
 * @example
 * const { values } = parseCommandArgs(argv, { page: { type: 'string' }, all: { type: 'boolean' } });
 */
export const parseCommandArgs = <T extends Options>(
  argv: string[],
  options: T,
  { allowPositionals = false }: { allowPositionals?: boolean } = {},
): ParsedCommandArgs<T> => {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(rephrase(error as Error & { code?: string }));
  }
};
