import type { LeadInput } from '../../shared/lead';
import type { RelayIssue } from '../../shared/relay-protocol';
import { describeRawValue } from './dropped-fields-note';
import { mapSnapshot } from '../mapping/map-snapshot';
import { validateLead, type DroppedField } from './validate-lead';
import { validateSnapshot } from './validate-snapshot';

/** The wire formats the relay reads: 1, a lead (`LeadInput`, no `v`); 2, a snapshot (`LeadSnapshot`, `"v": 2`). */
export type WireVersion = 1 | 2;

/** Why a body was refused, as the relay answers it. */
export interface BodyRefusal {
  ok: false;
  code: 'invalid_lead' | 'unsupported_version';
  message: string;
  issues?: RelayIssue[];
}

export type LeadBodyValidation = { ok: true; lead: LeadInput; dropped: DroppedField[] } | BodyRefusal;

const IDENTITY = ['uuid', 'botId', 'customerId'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The wire format a parsed body is written in: 1 without `v` (and for anything but an object, which the lead's
 * checks refuse), 2 for `"v": 2`, `undefined` for any other `v`.
 *
 * @example
 * wireVersion({ v: 2, form: 'Contact', page: '/', at, controls: [] }); // 2
 * wireVersion({ botId, customerId, email }); // 1
 * wireVersion({ v: '2' }); // undefined
 */
export const wireVersion = (json: unknown): WireVersion | undefined => {
  if (!isRecord(json) || !Object.hasOwn(json, 'v')) return 1;
  return json.v === 2 ? 2 : undefined;
};

/** The refusal of a body whose `v` names no wire format the relay (or the preview) reads: `reads` says which do. */
export const unsupportedVersion = (json: unknown, reads: string, expected: string): BodyRefusal => {
  const seen = isRecord(json) && Object.hasOwn(json, 'v') ? `"v": ${describeRawValue(json.v, 40)}` : 'no "v"';
  const message = `${reads}; this body has ${seen}.`;
  return { ok: false, code: 'unsupported_version', message, issues: [{ path: ['v'], message: `must be ${expected}` }] };
};

/** The refusal of a malformed snapshot. */
export const invalidSnapshot = (issues: RelayIssue[]): BodyRefusal => ({
  ok: false,
  code: 'invalid_lead',
  message: 'The snapshot is missing or has invalid fields: see issues.',
  issues,
});

/**
 * Reads a lead request's parsed body in the wire format it is written in, and validates it as a lead. A body
 * without `v` is format 1 and goes to `validateLead` as it is. A body with `"v": 2` is a snapshot: checked and
 * bounded (`validateSnapshot`; a malformed one is refused with field-level issues), mapped to a lead
 * (`mapSnapshot`), completed with the body's `uuid`, `botId` and `customerId`, then validated by `validateLead`
 * exactly as a format 1 lead is; what the snapshot checks cut comes first in `dropped`. Any other `v` is refused
 * with `unsupported_version`. Never throws.
 *
 * @example
 * const result = validateLeadBody(JSON.parse(text));
 * if (!result.ok) return reject(400, result.code, result.issues);
 */
export const validateLeadBody = (json: unknown): LeadBodyValidation => {
  const version = wireVersion(json);
  if (version === undefined) {
    const reads = 'This relay reads wire format 1 (a lead without "v") and 2 ("v": 2)';
    return unsupportedVersion(json, reads, '2, or absent');
  }
  if (version === 1) {
    const validated = validateLead(json);
    if (!validated.ok) {
      return {
        ok: false,
        code: 'invalid_lead',
        message: 'The lead is missing or has invalid fields: see issues.',
        issues: validated.issues,
      };
    }
    return { ok: true, lead: validated.lead, dropped: validated.dropped };
  }
  const checked = validateSnapshot(json);
  if (!checked.ok) return invalidSnapshot(checked.issues);
  // `region` rides along for the phone step; the lead's checks never read it, so it is never sent.
  const body: Record<string, unknown> = { ...mapSnapshot(checked.snapshot).lead };
  const sent = json as Record<string, unknown>;
  for (const name of IDENTITY) {
    if (Object.hasOwn(sent, name)) body[name] = sent[name];
    else delete body[name];
  }
  const validated = validateLead(body);
  if (!validated.ok) {
    return {
      ok: false,
      code: 'invalid_lead',
      message: 'The snapshot is missing or has invalid fields: see issues.',
      issues: validated.issues,
    };
  }
  return { ok: true, lead: validated.lead, dropped: [...checked.dropped, ...validated.dropped] };
};
