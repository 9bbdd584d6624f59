import { IDEMPOTENCY_KEY_FIELD, IDEMPOTENCY_KEY_HEADER, type RelayIssue } from '../../shared/relay-protocol';

// Visible ASCII only: a key can never carry a line break or a control character into a store command.
const KEY = /^[\x21-\x7e]{1,255}$/;

export type IdempotencyKeyResult =
  | { ok: true; key: string | undefined }
  | { ok: false; code: 'invalid_lead' | 'idempotency_key_mismatch'; message: string; issues: RelayIssue[] };

/** Where a key came from, as a request names it: the path of its issue and how a message refers to it. */
interface Source {
  path: string;
  label: string;
}

const HEADER: Source = { path: IDEMPOTENCY_KEY_HEADER, label: `The ${IDEMPOTENCY_KEY_HEADER} header` };
const FIELD: Source = { path: IDEMPOTENCY_KEY_FIELD, label: `The ${IDEMPOTENCY_KEY_FIELD} field` };

const malformed = (source: Source): Extract<IdempotencyKeyResult, { ok: false }> => {
  const message = `${source.label} must be 1 to 255 visible ASCII characters.`;
  return { ok: false, code: 'invalid_lead', message, issues: [{ path: [source.path], message }] };
};

// The IETF draft sends the key as a structured-field string (`"abc"`); the bare form is accepted as the same key.
const parse = (value: string, source: Source): string | Extract<IdempotencyKeyResult, { ok: false }> => {
  const text = value.trim().replace(/^"(.*)"$/, '$1');
  return KEY.test(text) ? text : malformed(source);
};

/**
 * Reads a lead request's idempotency key from the `Idempotency-Key` header or, when the header is absent, from the
 * body's `idempotencyKey` field: `navigator.sendBeacon` cannot set headers, so a beacon carries its key in the body.
 * Both forms are 1 to 255 visible ASCII characters, optionally quoted (`"abc"`); a body field of `null` counts as
 * absent. A malformed key is an error, not ignored: silently dropping it would lose the protection the sender
 * asked for. A header and a field that name different keys are refused too: either could be the one meant.
 *
 * @example
 * readIdempotencyKey(request.headers.get('Idempotency-Key'), { uuid, botId, customerId, idempotencyKey: 'k-1' });
 * // { ok: true, key: 'k-1' }
 */
export const readIdempotencyKey = (header: string | null, body: Record<string, unknown>): IdempotencyKeyResult => {
  const field = Object.hasOwn(body, IDEMPOTENCY_KEY_FIELD) ? body[IDEMPOTENCY_KEY_FIELD] : undefined;
  const fromHeader = header === null ? undefined : parse(header, HEADER);
  if (typeof fromHeader === 'object') return fromHeader;
  if (field === undefined || field === null) return { ok: true, key: fromHeader };
  if (typeof field !== 'string') return malformed(FIELD);
  const fromField = parse(field, FIELD);
  if (typeof fromField === 'object') return fromField;
  if (fromHeader === undefined || fromHeader === fromField) return { ok: true, key: fromField };
  const message = `The ${IDEMPOTENCY_KEY_HEADER} header and the ${IDEMPOTENCY_KEY_FIELD} field name different keys: send one, or the same in both.`;
  return {
    ok: false,
    code: 'idempotency_key_mismatch',
    message,
    issues: [
      { path: [IDEMPOTENCY_KEY_HEADER], message },
      { path: [IDEMPOTENCY_KEY_FIELD], message },
    ],
  };
};
