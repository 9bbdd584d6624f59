import { describe, expect, it } from 'vitest';
import { readCliConfig } from '../../src/cli/read-cli-config';

describe('readCliConfig', () => {
  it('reads the FLOWMATIX_ variables, trimmed', () => {
    expect(
      readCliConfig({
        FLOWMATIX_TOKEN: ' tok\n',
        FLOWMATIX_API_URL: 'http://127.0.0.1:8790',
        FLOWMATIX_BOT_ID: 'b',
        FLOWMATIX_CUSTOMER_ID: 'c',
        FLOWMATIX_TOKEN_HEADER: 'authorization',
      }),
    ).toEqual({
      token: 'tok',
      apiUrl: 'http://127.0.0.1:8790',
      apiUrlIsDefault: false,
      botId: 'b',
      customerId: 'c',
      tokenHeader: 'authorization',
    });
  });

  it('treats blank values as unset and defaults the API URL', () => {
    expect(readCliConfig({ FLOWMATIX_TOKEN: '  ', FLOWMATIX_API_URL: '' })).toEqual({
      token: undefined,
      apiUrl: 'https://api.v7.flowmatix.ai',
      apiUrlIsDefault: true,
      botId: undefined,
      customerId: undefined,
      tokenHeader: undefined,
    });
  });
});
