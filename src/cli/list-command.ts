import { CHAT_TYPES, type Chat } from '../shared/chat';
import type { CliCommand, CliIo } from './cli-command';
import { UsageError } from './cli-error';
import { createCliClient } from './create-cli-client';
import { formatCsv } from './format-csv';
import { formatTable } from './format-table';
import { parseCommandArgs } from './parse-command-args';
import { parseChoice, parseWholeNumber } from './parse-option';
import { readCliConfig } from './read-cli-config';

const FORMATS = ['table', 'json', 'csv'] as const;

const USAGE = `Usage: flowmatix-leads list [--type lead|non-lead] [--page N | --all] [--format table|json|csv]

List a bot's chats: those with contact details (leads) or the others.

Options:
  --type lead|non-lead     Which chats (default: lead)
  --page N                 One page of them, from 1 (default: 1)
  --all                    Every page; a progress line shows on a terminal
  --format table|json|csv  table (default), json (the chats as the API gives them) or csv
  --bot-id ID              Instead of FLOWMATIX_BOT_ID
  --customer-id ID         Instead of FLOWMATIX_CUSTOMER_ID
  -h, --help               Show this help

Environment: FLOWMATIX_TOKEN, FLOWMATIX_API_URL, FLOWMATIX_BOT_ID, FLOWMATIX_CUSTOMER_ID
`;

const phoneOf = (chat: Chat) => chat.profile?.userDetails?.contact?.phone ?? {};

const displayPhone = (chat: Chat): string => {
  const { prefix, number } = phoneOf(chat);
  return [prefix && `+${prefix}`, number].filter(Boolean).join(' ');
};

// "2024-05-01T10:00:00.000Z" → "2024-05-01 10:00": a table is read by people.
const displayTime = (iso: string | undefined): string =>
  iso && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? iso.slice(0, 16).replace('T', ' ') : (iso ?? '');

const table = (chats: Chat[]): string =>
  formatTable(
    ['UUID', 'NAME', 'EMAIL', 'PHONE', 'TAGS', 'UPDATED (UTC)'],
    chats.map((chat) => {
      const details = chat.profile?.userDetails;
      return [
        chat.uuid,
        details?.name ?? '',
        details?.contact?.email ?? '',
        displayPhone(chat),
        (details?.tags ?? []).join(', '),
        displayTime(chat.updatedAt),
      ];
    }),
  );

const csv = (chats: Chat[]): string =>
  formatCsv([
    ['uuid', 'name', 'email', 'phone_prefix', 'phone_number', 'tags', 'status', 'created_at', 'updated_at'],
    ...chats.map((chat) => {
      const details = chat.profile?.userDetails;
      return [
        chat.uuid,
        details?.name ?? '',
        details?.contact?.email ?? '',
        phoneOf(chat).prefix ?? '',
        phoneOf(chat).number ?? '',
        (details?.tags ?? []).join(', '),
        chat.status ?? '',
        chat.createdAt ?? '',
        chat.updatedAt ?? '',
      ];
    }),
  ]);

const readAll = async (
  read: (onPage: (page: number, chats: readonly Chat[]) => void) => AsyncIterable<Chat>,
  io: CliIo,
): Promise<Chat[]> => {
  const chats: Chat[] = [];
  // Progress goes to stderr and only to a terminal: stdout stays clean for pipes, logs stay free of \r noise.
  const progress = io.stderr.isTTY
    ? (page: number, found: readonly Chat[]) =>
        io.stderr.write(`\rReading page ${page}… ${chats.length + found.length} chats`)
    : () => undefined;
  try {
    for await (const chat of read(progress)) chats.push(chat);
  } finally {
    if (io.stderr.isTTY) io.stderr.write('\r\u001b[K');
  }
  return chats;
};

/** `flowmatix-leads list`: a page, or every page, of a bot's lead or non-lead chats, as a table, JSON or CSV. */
export const listCommand: CliCommand = {
  name: 'list',
  summary: 'List chats with contact details (leads) or the others',
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      type: { type: 'string' },
      page: { type: 'string' },
      all: { type: 'boolean' },
      format: { type: 'string' },
      'bot-id': { type: 'string' },
      'customer-id': { type: 'string' },
    });
    const type = parseChoice('--type', values.type ?? 'lead', CHAT_TYPES);
    const format = parseChoice('--format', values.format ?? 'table', FORMATS);
    if (values.all && values.page !== undefined) throw new UsageError('use --page or --all, not both');
    const page = values.page === undefined ? 1 : parseWholeNumber('--page', values.page, { min: 1 });
    const { client } = createCliClient(readCliConfig(io.env), {
      botId: values['bot-id'],
      customerId: values['customer-id'],
    });

    const chats = values.all
      ? await readAll((onPage) => client.listAllChats({ type }, { onPage }), io)
      : await client.listChats({ page, type });

    if (format === 'json') io.stdout.write(`${JSON.stringify(chats, null, 2)}\n`);
    else if (format === 'csv') io.stdout.write(csv(chats));
    else if (chats.length > 0) io.stdout.write(table(chats));
    else io.stderr.write(`No ${type} chats${values.all ? '' : ` on page ${page}`}.\n`);
    return 0;
  },
};
