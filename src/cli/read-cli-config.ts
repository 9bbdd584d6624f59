import { DEFAULT_API_URL } from '../flowmatix/create-flowmatix-client';

/** What the CLI reads from the environment. Blank values count as unset. */
export interface CliConfig {
  token: string | undefined;
  apiUrl: string;
  /** Whether `apiUrl` came from `FLOWMATIX_API_URL` or is the default. */
  apiUrlIsDefault: boolean;
  botId: string | undefined;
  customerId: string | undefined;
  /** The PUT's token header, from `FLOWMATIX_TOKEN_HEADER`. */
  tokenHeader: string | undefined;
}

const read = (env: CliConfigEnv, name: string): string | undefined => env[name]?.trim() || undefined;

type CliConfigEnv = Readonly<Record<string, string | undefined>>;

/**
 * Reads `FLOWMATIX_TOKEN`, `FLOWMATIX_API_URL`, `FLOWMATIX_BOT_ID`, `FLOWMATIX_CUSTOMER_ID` and
 * `FLOWMATIX_TOKEN_HEADER`. Values are trimmed: a token pasted with a trailing newline still works.
 *
 * @example
 * const config = readCliConfig(process.env);
 */
export const readCliConfig = (env: CliConfigEnv): CliConfig => {
  const apiUrl = read(env, 'FLOWMATIX_API_URL');
  return {
    token: read(env, 'FLOWMATIX_TOKEN'),
    apiUrl: apiUrl ?? DEFAULT_API_URL,
    apiUrlIsDefault: apiUrl === undefined,
    botId: read(env, 'FLOWMATIX_BOT_ID'),
    customerId: read(env, 'FLOWMATIX_CUSTOMER_ID'),
    tokenHeader: read(env, 'FLOWMATIX_TOKEN_HEADER'),
  };
};
