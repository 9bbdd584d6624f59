import { createFlowmatixClient } from '../flowmatix/create-flowmatix-client';
import { displayApiUrl } from '../flowmatix/redact-token';
import { parseApiUrl } from '../flowmatix/parse-api-url';
import type { CliCommand, CliIo } from './cli-command';
import { parseCommandArgs } from './parse-command-args';
import { readCliConfig } from './read-cli-config';

const USAGE = `Usage: flowmatix-leads doctor

Check the configuration and that the Flowmatix API answers: the token is set, the API URL is valid and reachable
with that token (one real request: page 1 of the lead list), the bot and customer are set. Each check prints ok or
fail; the exit code is 1 when any fails. The token itself is never printed.

Options:
  -h, --help  Show this help

Environment: FLOWMATIX_TOKEN, FLOWMATIX_API_URL, FLOWMATIX_BOT_ID, FLOWMATIX_CUSTOMER_ID
`;

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const report = (io: CliIo, checks: Check[]): void => {
  const width = Math.max(...checks.map((check) => check.name.length));
  for (const check of checks) {
    io.stdout.write(`${check.ok ? 'ok  ' : 'fail'}  ${check.name.padEnd(width)}  ${check.detail}\n`);
  }
};

/** `flowmatix-leads doctor`: what is set, and whether the API answers with it. */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: 'Check the configuration and that the API answers',
  usage: USAGE,
  async run(argv, io) {
    parseCommandArgs(argv, {});
    const config = readCliConfig(io.env);
    const checks: Check[] = [];

    checks.push(
      config.token
        ? { name: 'token', ok: true, detail: 'FLOWMATIX_TOKEN is set' }
        : { name: 'token', ok: false, detail: 'FLOWMATIX_TOKEN is not set' },
    );

    let apiUrlOk = true;
    try {
      const shown = displayApiUrl(parseApiUrl(config.apiUrl));
      const source = config.apiUrlIsDefault ? ' (the default; FLOWMATIX_API_URL is not set)' : '';
      checks.push({ name: 'api url', ok: true, detail: `${shown}${source}` });
    } catch (error) {
      apiUrlOk = false;
      checks.push({ name: 'api url', ok: false, detail: `FLOWMATIX_API_URL: ${(error as Error).message}` });
    }

    const missing = [!config.botId && 'FLOWMATIX_BOT_ID', !config.customerId && 'FLOWMATIX_CUSTOMER_ID'].filter(
      Boolean,
    );
    checks.push({
      name: 'bot/customer',
      ok: missing.length === 0,
      detail:
        missing.length === 0
          ? `bot ${config.botId}, customer ${config.customerId}`
          : `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`,
    });

    if (config.token && apiUrlOk && config.botId && config.customerId) {
      const client = createFlowmatixClient({
        token: config.token,
        apiUrl: config.apiUrl,
        botId: config.botId,
        customerId: config.customerId,
        retries: 0,
      });
      const started = performance.now();
      try {
        const chats = await client.listChats({ page: 1, type: 'lead' });
        const ms = Math.round(performance.now() - started);
        const found = `${chats.length} lead chat${chats.length === 1 ? '' : 's'} on page 1`;
        checks.push({ name: 'api', ok: true, detail: `answered in ${ms} ms (${found})` });
      } catch (error) {
        checks.push({ name: 'api', ok: false, detail: (error as Error).message });
      }
    } else {
      checks.push({ name: 'api', ok: false, detail: 'not tried: needs the token, API URL, bot and customer above' });
    }

    report(io, checks);
    return checks.every((check) => check.ok) ? 0 : 1;
  },
};
