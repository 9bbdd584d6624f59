import { resolve } from 'node:path';
import { DEFAULT_SANDBOX_PORT, startSandbox, type StartSandboxOptions } from '../sandbox/start-sandbox';
import type { CliCommand } from './cli-command';
import { CliError, UsageError } from './cli-error';
import { parseCommandArgs } from './parse-command-args';
import { parseChoice, parseWholeNumber } from './parse-option';
import { waitForStop } from './wait-for-stop';

const USAGE = `Usage: flowmatix-leads sandbox [--port ${DEFAULT_SANDBOX_PORT}] [options]

Run a local stand-in of the Flowmatix API: same paths, token headers and answers. It prints its URL and token;
point FLOWMATIX_API_URL and FLOWMATIX_TOKEN at them. Runs until Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port PORT           Port to listen on (default ${DEFAULT_SANDBOX_PORT}; 0 picks a free one)
  --host HOST           Address to listen on (default 127.0.0.1)
  --token TOKEN         Token to accept (default: a random one, printed)
  --persist FILE        Keep chats in this JSON file across restarts (default: memory only)
  --page-size N         Chats per page of the list (default 20)
  --latency MS          Delay every API answer: MS, or MIN-MAX for a random delay in that range
  --failure-rate R      Answer this share of API requests (0 to 1) with 503
  --unknown-uuid MODE   A PUT for a visitor uuid never seen: reject (default; 404 "Chat not found for uuid")
                        or accept (creates the chat). Seen: it has a chat, or was registered with
                        POST /widget/visitors {"botId","customerId","uuid"}, as the widget does when opened
  -h, --help            Show this help
`;

const parseLatency = (value: string): number | [number, number] => {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(value);
  const min = Number(match?.[1]);
  const max = match?.[2] === undefined ? min : Number(match[2]);
  if (!match || min > max) throw new UsageError(`--latency is MS or MIN-MAX in whole ms, not "${value}"`);
  return match[2] === undefined ? min : [min, max];
};

const parseRate = (value: string): number => {
  const rate = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!(rate >= 0 && rate <= 1)) throw new UsageError(`--failure-rate is a share from 0 to 1, not "${value}"`);
  return rate;
};

// A refused listen, a persist file that is not a sandbox file: one line that says what to change.
const explainStartError = (error: NodeJS.ErrnoException, host: string, port: number): CliError => {
  switch (error.code) {
    case 'EADDRINUSE':
      return new CliError(`port ${port} is already in use on ${host}: choose another with --port (0 picks a free one)`);
    case 'EACCES':
      return new CliError(`not allowed to listen on port ${port}: choose one above 1023 with --port`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new CliError(`cannot listen on ${host}: not an address of this machine`);
    default:
      return new CliError(error.message);
  }
};

/** `flowmatix-leads sandbox`: the sandbox on Node, until stopped. */
export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'Run a local stand-in of the Flowmatix API',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      persist: { type: 'string' },
      'page-size': { type: 'string' },
      latency: { type: 'string' },
      'failure-rate': { type: 'string' },
      'unknown-uuid': { type: 'string' },
    });
    const port =
      values.port === undefined ? DEFAULT_SANDBOX_PORT : parseWholeNumber('--port', values.port, { max: 65_535 });
    const host = values.host ?? '127.0.0.1';
    if (values.token !== undefined && values.token.trim() === '') throw new UsageError('--token cannot be empty');
    const persistPath = values.persist === undefined ? undefined : resolve(values.persist);
    // Strict by default: the vendor's page promises no chat for a uuid its widget never made.
    const unknownUuid = parseChoice('--unknown-uuid', values['unknown-uuid'] ?? 'reject', ['reject', 'accept']);
    const options: StartSandboxOptions = {
      port,
      host,
      unknownUuid,
      ...(values.token !== undefined && { token: values.token.trim() }),
      ...(persistPath !== undefined && { persistPath }),
      ...(values['page-size'] !== undefined && {
        pageSize: parseWholeNumber('--page-size', values['page-size'], { min: 1, max: 1000 }),
      }),
      ...(values.latency !== undefined && { latencyMs: parseLatency(values.latency) }),
      ...(values['failure-rate'] !== undefined && { failureRate: parseRate(values['failure-rate']) }),
    };

    let running;
    try {
      running = await startSandbox(options);
    } catch (error) {
      throw explainStartError(error as NodeJS.ErrnoException, host, port);
    }

    const faults = [
      options.latencyMs !== undefined &&
        `latency ${Array.isArray(options.latencyMs) ? options.latencyMs.join('-') : options.latencyMs} ms`,
      options.failureRate !== undefined && `failure rate ${options.failureRate}`,
    ].filter(Boolean);
    io.stdout.write(
      [
        `Flowmatix sandbox listening on ${running.url}`,
        `Token: ${running.token}`,
        `Chats: ${persistPath ? `kept in ${persistPath}` : 'in memory only (--persist FILE keeps them)'}`,
        unknownUuid === 'reject'
          ? 'Unknown UUIDs: 404 until registered with POST /widget/visitors (--unknown-uuid accept takes any)'
          : 'Unknown UUIDs: accepted, a PUT creates the chat (--unknown-uuid reject refuses them)',
        ...(faults.length > 0 ? [`Faults: ${faults.join(', ')}`] : []),
        '',
        'Use it from another terminal:',
        `  export FLOWMATIX_API_URL=${running.url}`,
        `  export FLOWMATIX_TOKEN=${running.token}`,
        '  export FLOWMATIX_BOT_ID=any-bot FLOWMATIX_CUSTOMER_ID=any-customer',
        '',
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    await waitForStop(io);
    await running.close();
    io.stdout.write('Sandbox stopped.\n');
    return 0;
  },
};
