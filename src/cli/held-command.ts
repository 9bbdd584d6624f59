import { displayApiUrl } from '../flowmatix/redact-token';
import { parseApiUrl } from '../flowmatix/parse-api-url';
import type { HeldLead } from '../relay/stores/held-lead-store';
import { openHeldLeadStore, type OpenedHeldLeadStore } from '../relay/stores/open-held-lead-store';
import { RelayConfigurationError } from '../relay/core/relay-configuration-error';
import { isUuid } from '../shared/is-uuid';
import type { CliCommand, CliIo } from './cli-command';
import { CliError, UsageError } from './cli-error';
import { createCliClient } from './create-cli-client';
import { formatCsv } from './format-csv';
import { formatTable } from './format-table';
import { parseCommandArgs } from './parse-command-args';
import { parseChoice } from './parse-option';
import { parseSince } from './parse-since';
import { readCliConfig } from './read-cli-config';

const SUBCOMMANDS = ['list', 'export', 'attach', 'delete'] as const;
const LIST_FORMATS = ['table', 'json', 'csv'] as const;
const EXPORT_FORMATS = ['json', 'csv'] as const;

const USAGE = `Usage: flowmatix-leads held list|export|attach|delete [options]

Leads the relay accepted without a chat UUID (the visitor never opened the chat) and keeps for you, read from
the store the relay uses: Redis when FLOWMATIX_REDIS_URL is set, else the file held-leads.jsonl in
FLOWMATIX_DATA_DIR (default ./.flowmatix-leads/). Run it where the relay runs, with the same environment.

Commands:
  held list [--format table|json|csv] [--since DATE]  The held leads, oldest first (default: a table)
  held export [--format json|csv] [--since DATE]      Every field of every held lead (default: json)
  held attach --key KEY --uuid UUID                   Deliver one to the chat of UUID, then mark it attached
  held delete --email EMAIL                           Erase every held lead with this email (any case)

Options:
  --format FORMAT  table, json (the records as kept) or csv
  --since DATE     Only leads received from then on: a day (2026-05-01, UTC) or a time (2026-05-01T14:30Z)
  --key KEY        The lead's idempotency key (the KEY column of held list)
  --uuid UUID      The visitor's chat UUID
  --email EMAIL    The person's email address
  -h, --help       Show this help

Environment:
  FLOWMATIX_REDIS_URL      Read the held leads in this Redis (needs the ioredis package)
  FLOWMATIX_DATA_DIR       Else the directory of the file (default ./.flowmatix-leads/)
  FLOWMATIX_HELD_TTL_DAYS  The retention the relay uses (default 30): older leads are erased
  FLOWMATIX_TOKEN, FLOWMATIX_API_URL, FLOWMATIX_TOKEN_HEADER  For held attach, as for push
`;

// Long enough for a Redis on the network to answer.
const REDIS_READY_MS = 5000;

// "2026-05-01T10:00:00.000Z" → "2026-05-01 10:00": a table is read by people.
const displayTime = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

const displayPhone = ({ lead }: HeldLead): string => [lead.dialCode, lead.phone].filter(Boolean).join(' ');

const statusOf = (held: HeldLead): string => (held.attached ? 'attached' : held.forwarded ? 'forwarded' : 'held');

const table = (leads: HeldLead[]): string =>
  formatTable(
    ['KEY', 'RECEIVED (UTC)', 'NAME', 'EMAIL', 'PHONE', 'STATUS', 'CHAT UUID'],
    leads.map((held) => [
      held.key,
      displayTime(held.receivedAt),
      held.lead.name ?? '',
      held.lead.email ?? '',
      displayPhone(held),
      statusOf(held),
      held.attached?.uuid ?? '',
    ]),
  );

const iso = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());

const csv = (leads: HeldLead[], full: boolean): string =>
  formatCsv([
    [
      'key',
      'received_at',
      'bot_id',
      'customer_id',
      'name',
      'email',
      'dial_code',
      'phone',
      'status',
      'chat_uuid',
      ...(full ? ['attached_at', 'forwarded_at', 'tags', 'notes', 'attributes', 'id'] : []),
    ],
    ...leads.map(({ lead, ...held }) => [
      held.key,
      iso(held.receivedAt),
      lead.botId,
      lead.customerId,
      lead.name ?? '',
      lead.email ?? '',
      lead.dialCode ?? '',
      lead.phone ?? '',
      statusOf({ lead, ...held }),
      held.attached?.uuid ?? '',
      ...(full
        ? [
            iso(held.attached?.at),
            iso(held.forwarded?.at),
            (lead.tags ?? []).join(', '),
            (lead.notes ?? []).map((note) => `${note.title}: ${note.description}`).join('\n'),
            (lead.attributes ?? []).map((attribute) => `${attribute.key}=${attribute.value}`).join('\n'),
            held.id,
          ]
        : []),
    ]),
  ]);

const json = (leads: HeldLead[]): string => `${JSON.stringify(leads, null, 2)}\n`;

const open = async (io: CliIo): Promise<OpenedHeldLeadStore> => {
  try {
    return await openHeldLeadStore(io.env, {
      onWarning: (message) => io.stderr.write(`flowmatix-leads: warning: ${message}\n`),
    });
  } catch (error) {
    throw error instanceof RelayConfigurationError ? new CliError(error.message) : error;
  }
};

const withStore = async <T>(io: CliIo, use: (held: OpenedHeldLeadStore) => Promise<T>): Promise<T> => {
  const held = await open(io);
  try {
    try {
      await held.ready(REDIS_READY_MS);
    } catch {
      // The URL may hold a password: it is not repeated.
      throw new CliError(`${held.where} is not reachable`);
    }
    return await use(held);
  } finally {
    await held.close();
  }
};

const since = (value: string | undefined): ((held: HeldLead) => boolean) => {
  if (value === undefined) return () => true;
  const from = parseSince('--since', value);
  return (held) => held.receivedAt >= from;
};

const list = async (argv: string[], io: CliIo): Promise<number> => {
  const { values } = parseCommandArgs(argv, { format: { type: 'string' }, since: { type: 'string' } });
  const format = parseChoice('--format', values.format ?? 'table', LIST_FORMATS);
  const keep = since(values.since);
  return withStore(io, async ({ store, where }) => {
    const leads = (await store.list()).filter(keep);
    if (format === 'json') io.stdout.write(json(leads));
    else if (format === 'csv') io.stdout.write(csv(leads, false));
    else if (leads.length > 0) io.stdout.write(table(leads));
    else io.stderr.write(`No held leads${values.since === undefined ? '' : ` since ${values.since}`} in ${where}.\n`);
    return 0;
  });
};

const exportLeads = async (argv: string[], io: CliIo): Promise<number> => {
  const { values } = parseCommandArgs(argv, { format: { type: 'string' }, since: { type: 'string' } });
  const format = parseChoice('--format', values.format ?? 'json', EXPORT_FORMATS);
  const keep = since(values.since);
  return withStore(io, async ({ store }) => {
    const leads = (await store.list()).filter(keep);
    io.stdout.write(format === 'csv' ? csv(leads, true) : json(leads));
    return 0;
  });
};

const attach = async (argv: string[], io: CliIo): Promise<number> => {
  const { values } = parseCommandArgs(argv, { key: { type: 'string' }, uuid: { type: 'string' } });
  const key = values.key?.trim();
  const uuid = values.uuid?.trim();
  if (!key) throw new UsageError('--key is required: the KEY of the held lead, from held list');
  if (!uuid) throw new UsageError('--uuid is required: the UUID of the chat to deliver the lead to');
  if (!isUuid(uuid)) throw new UsageError(`--uuid is a UUID (8-4-4-4-12 hex digits), not "${uuid}"`);
  const config = readCliConfig(io.env);
  return withStore(io, async ({ store, where }) => {
    const found = (await store.list()).filter((held) => held.key === key);
    const [held] = found;
    if (!held) throw new CliError(`no held lead has the key "${key}" in ${where} (see flowmatix-leads held list)`);
    if (found.length > 1) {
      throw new CliError(`${found.length} held leads have the key "${key}": attach cannot tell which`);
    }
    if (held.attached) {
      const when = displayTime(held.attached.at);
      throw new CliError(`the held lead "${key}" is already attached to chat ${held.attached.uuid} (${when} UTC)`);
    }
    const { botId, customerId } = held.lead;
    const { client, apiUrl } = createCliClient(config, { botId, customerId });
    await client.updateLead({ ...held.lead, uuid });
    if (!(await store.update(held.id, { attached: { uuid, at: Date.now() } }))) {
      throw new CliError(`delivered to chat ${uuid}, but the held lead "${key}" was erased meanwhile`);
    }
    const shown = displayApiUrl(parseApiUrl(apiUrl));
    io.stdout.write(`Attached held lead ${key} to chat ${uuid} (bot ${botId}, customer ${customerId}) at ${shown}\n`);
    return 0;
  });
};

const erase = async (argv: string[], io: CliIo): Promise<number> => {
  const { values } = parseCommandArgs(argv, { email: { type: 'string' } });
  const email = values.email?.trim();
  if (!email) throw new UsageError('--email is required: the email address whose held leads to erase');
  const wanted = email.toLowerCase();
  return withStore(io, async ({ store, where }) => {
    const ids = (await store.list())
      .filter((held) => held.lead.email?.trim().toLowerCase() === wanted)
      .map((held) => held.id);
    const deleted = ids.length === 0 ? 0 : await store.delete(ids);
    io.stdout.write(`Deleted ${deleted} held lead${deleted === 1 ? '' : 's'} with email ${email} from ${where}\n`);
    return 0;
  });
};

const RUN: Record<(typeof SUBCOMMANDS)[number], (argv: string[], io: CliIo) => Promise<number>> = {
  list,
  export: exportLeads,
  attach,
  delete: erase,
};

/**
 * `flowmatix-leads held`: the leads the relay holds for visitors who never opened the chat, from the same store
 * the relay uses. `list` and `export` read them, `attach` delivers one to a chat by hand, `delete` erases a
 * person's (by email, for an erasure request).
 */
export const heldCommand: CliCommand = {
  name: 'held',
  summary: 'List, export, attach or erase leads kept without a chat UUID',
  usage: USAGE,
  async run(argv, io) {
    const [subcommand, ...rest] = argv;
    if (subcommand === undefined || subcommand.startsWith('-')) {
      throw new UsageError(`held needs a command first: ${SUBCOMMANDS.join(', ')}`);
    }
    const name = SUBCOMMANDS.find((candidate) => candidate === subcommand);
    if (!name) throw new UsageError(`unknown held command "${subcommand}" (commands: ${SUBCOMMANDS.join(', ')})`);
    return RUN[name](rest, io);
  },
};
