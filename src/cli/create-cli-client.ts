import { createFlowmatixClient, type FlowmatixClient } from '../flowmatix/create-flowmatix-client';
import { parseApiUrl } from '../flowmatix/parse-api-url';
import { CliError } from './cli-error';
import type { CliConfig } from './read-cli-config';

export interface CliClient {
  client: FlowmatixClient;
  botId: string;
  customerId: string;
  apiUrl: string;
}

/**
 * The Flowmatix client for a command, from the environment and the command's `--bot-id`/`--customer-id`. Throws a
 * `CliError` that says which variable is missing.
 *
 * @example
 * const { client, botId } = createCliClient(readCliConfig(io.env), { botId: values['bot-id'] });
 */
export const createCliClient = (
  config: CliConfig,
  overrides: { botId?: string | undefined; customerId?: string | undefined } = {},
): CliClient => {
  if (!config.token) {
    throw new CliError(
      'FLOWMATIX_TOKEN is not set: export the API token, or the token `flowmatix-leads sandbox` prints',
    );
  }
  const botId = overrides.botId ?? config.botId;
  const customerId = overrides.customerId ?? config.customerId;
  if (!botId) throw new CliError('FLOWMATIX_BOT_ID is not set (or pass --bot-id)');
  if (!customerId) throw new CliError('FLOWMATIX_CUSTOMER_ID is not set (or pass --customer-id)');
  try {
    parseApiUrl(config.apiUrl);
  } catch (error) {
    throw new CliError(`FLOWMATIX_API_URL: ${(error as Error).message}`);
  }
  const client = createFlowmatixClient({
    token: config.token,
    apiUrl: config.apiUrl,
    botId,
    customerId,
    ...(config.tokenHeader && { tokenHeader: config.tokenHeader }),
  });
  return { client, botId, customerId, apiUrl: config.apiUrl };
};
