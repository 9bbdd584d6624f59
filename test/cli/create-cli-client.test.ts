import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/cli-error';
import { createCliClient } from '../../src/cli/create-cli-client';
import { readCliConfig } from '../../src/cli/read-cli-config';

const complete = { FLOWMATIX_TOKEN: 't', FLOWMATIX_BOT_ID: 'b', FLOWMATIX_CUSTOMER_ID: 'c' };

describe('createCliClient', () => {
  it('prefers the flags over the environment for bot and customer', () => {
    const { botId, customerId, apiUrl } = createCliClient(readCliConfig(complete), { botId: 'b2', customerId: 'c2' });
    expect({ botId, customerId, apiUrl }).toEqual({
      botId: 'b2',
      customerId: 'c2',
      apiUrl: 'https://api.v7.flowmatix.ai',
    });
  });

  it.each([
    [{ ...complete, FLOWMATIX_TOKEN: undefined }, /^FLOWMATIX_TOKEN is not set/],
    [{ ...complete, FLOWMATIX_BOT_ID: undefined }, /^FLOWMATIX_BOT_ID is not set \(or pass --bot-id\)$/],
    [{ ...complete, FLOWMATIX_CUSTOMER_ID: undefined }, /^FLOWMATIX_CUSTOMER_ID is not set \(or pass --customer-id\)$/],
    [{ ...complete, FLOWMATIX_API_URL: 'api.example.com' }, /^FLOWMATIX_API_URL: The Flowmatix API URL is not a URL/],
  ])('throws a CliError naming what is missing or wrong (%#)', (env, message) => {
    expect(() => createCliClient(readCliConfig(env))).toThrow(CliError);
    expect(() => createCliClient(readCliConfig(env))).toThrow(message);
  });
});
