import { displayApiUrl } from '../flowmatix/redact-token';
import { parseApiUrl } from '../flowmatix/parse-api-url';
import type { LeadAttribute, LeadNote, UpstreamLead } from '../shared/lead';
import { upstreamLeadSchema } from '../shared/lead-schema';
import { isUuid } from '../shared/is-uuid';
import { normalizeDialCode } from '../shared/normalize-dial-code';
import { normalizeName } from '../shared/normalize-name';
import { parsePhone } from '../shared/parse-phone';
import type { CliCommand } from './cli-command';
import { UsageError } from './cli-error';
import { createCliClient } from './create-cli-client';
import { parseCommandArgs } from './parse-command-args';
import { readCliConfig } from './read-cli-config';

const USAGE = `Usage: flowmatix-leads push --uuid UUID [--name NAME] [--email EMAIL] [--phone PHONE] [options]

Create or update the chat of a visitor (the API upserts by uuid): given fields replace, tags and notes add up.

Options:
  --uuid UUID              The visitor's UUID (required)
  --name NAME              Full name
  --email EMAIL            Email address
  --phone PHONE            Phone number; "+91 98765 43210" or "0091…" carries its dial code
  --dial-code CODE         Dial code for a phone without one, e.g. +91
  --tag TAG                A tag (repeatable)
  --note NOTE              A note, "title: description" or plain text (repeatable)
  --attribute KEY=VALUE    A custom attribute (repeatable)
  --bot-id ID              Instead of FLOWMATIX_BOT_ID
  --customer-id ID         Instead of FLOWMATIX_CUSTOMER_ID
  -h, --help               Show this help

Environment: FLOWMATIX_TOKEN, FLOWMATIX_API_URL, FLOWMATIX_BOT_ID, FLOWMATIX_CUSTOMER_ID, FLOWMATIX_TOKEN_HEADER
`;

/** Which option a field of the lead came from, to name it in an error. */
const OPTION_OF_FIELD: Record<string, string> = {
  uuid: '--uuid',
  botId: 'FLOWMATIX_BOT_ID (or --bot-id)',
  customerId: 'FLOWMATIX_CUSTOMER_ID (or --customer-id)',
  name: '--name',
  email: '--email',
  phone: '--phone',
  dialCode: '--dial-code',
  tags: '--tag',
  notes: '--note',
  attributes: '--attribute',
};

const PLAIN_NOTE_TITLE = 'Note';

const parseNote = (text: string): LeadNote => {
  const colon = text.indexOf(': ');
  return colon > 0
    ? { title: text.slice(0, colon), description: text.slice(colon + 2) }
    : { title: PLAIN_NOTE_TITLE, description: text };
};

const parseAttribute = (text: string): LeadAttribute => {
  const equals = text.indexOf('=');
  if (equals <= 0) throw new UsageError(`--attribute is KEY=VALUE, not "${text}"`);
  return { key: text.slice(0, equals), value: text.slice(equals + 1) };
};

const parsePhoneOption = (raw: string, dialCode: string | undefined): { phone: string; dialCode?: string } => {
  const parsed = parsePhone(raw, dialCode);
  if (!parsed.valid) {
    throw new UsageError(`--phone "${raw}" is not a phone number (digits, with a +CC prefix or --dial-code)`);
  }
  return { phone: parsed.number, ...(parsed.dialCode && { dialCode: parsed.dialCode }) };
};

/** `flowmatix-leads push`: one PUT of a lead, validated and normalized as the relay would before sending. */
export const pushCommand: CliCommand = {
  name: 'push',
  summary: "Create or update a chat's lead details",
  usage: USAGE,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      uuid: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      phone: { type: 'string' },
      'dial-code': { type: 'string' },
      tag: { type: 'string', multiple: true },
      note: { type: 'string', multiple: true },
      attribute: { type: 'string', multiple: true },
      'bot-id': { type: 'string' },
      'customer-id': { type: 'string' },
    });
    const uuid = values.uuid?.trim();
    if (!uuid) throw new UsageError('--uuid is required: the UUID of the visitor whose chat to update');
    if (!isUuid(uuid)) throw new UsageError(`--uuid is a UUID (8-4-4-4-12 hex digits), not "${uuid}"`);
    const dialCodeOption = values['dial-code'];
    const dialCode = dialCodeOption === undefined ? undefined : normalizeDialCode(dialCodeOption);
    if (dialCodeOption !== undefined && !dialCode) {
      throw new UsageError(`--dial-code is + and a country calling code such as +91, not "${dialCodeOption}"`);
    }
    const phone = values.phone === undefined ? undefined : parsePhoneOption(values.phone, dialCode);
    const { client, botId, customerId, apiUrl } = createCliClient(readCliConfig(io.env), {
      botId: values['bot-id'],
      customerId: values['customer-id'],
    });

    const draft: UpstreamLead = {
      uuid,
      botId,
      customerId,
      ...(values.name !== undefined && { name: normalizeName(values.name) }),
      ...(values.email !== undefined && { email: values.email }),
      ...(phone ?? (dialCode && { dialCode })),
      ...(values.tag && { tags: values.tag }),
      ...(values.note && { notes: values.note.map(parseNote) }),
      ...(values.attribute && { attributes: values.attribute.map(parseAttribute) }),
    };
    const parsed = upstreamLeadSchema.safeParse(draft);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((issue) => {
        const [field, ...rest] = issue.path;
        const where = OPTION_OF_FIELD[String(field)] ?? String(field);
        // notes.0.title → "--note #1 title": people count from one.
        const within = rest.map((part) => (typeof part === 'number' ? `#${part + 1}` : String(part)));
        return `${[where, ...within].join(' ')}: ${issue.message}`;
      });
      throw new UsageError(reasons.join('; '));
    }

    if (phone && !phone.dialCode) {
      io.stderr.write('Note: the phone has no dial code; give it a +CC prefix or pass --dial-code.\n');
    }
    await client.updateLead(parsed.data);
    const shown = displayApiUrl(parseApiUrl(apiUrl));
    io.stdout.write(`Updated chat ${uuid} (bot ${botId}, customer ${customerId}) at ${shown}\n`);
    return 0;
  },
};
