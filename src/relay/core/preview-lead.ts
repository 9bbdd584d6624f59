import type { LeadInput } from '../../shared/lead';
import { mapSnapshot } from '../mapping/map-snapshot';
import type { MappedControl } from '../mapping/snapshot-mapping';
import { validateLeadFields, type DroppedField, type OptionalLeadField } from './validate-lead';
import { invalidSnapshot, unsupportedVersion, wireVersion, type BodyRefusal } from './validate-lead-body';
import { validateSnapshot } from './validate-snapshot';

/** What a snapshot would become: the lead's fields as the relay would send them, and each control's fate. */
export interface LeadPreview {
  ok: true;
  /** The lead without identity: name, email, phone split from its dial code, notes, tags, attributes, consent. */
  lead: Partial<Pick<LeadInput, OptionalLeadField>>;
  /** Each control of the snapshot and what it maps to, or why its value is not in the lead. */
  fields: MappedControl[];
  /** What the lead's checks (or the snapshot's bounds) kept as text instead of sending as a field. */
  dropped: DroppedField[];
}

/**
 * Maps a wire format 2 snapshot (`"v": 2`) as a lead request would, without identity, without sending or storing
 * anything: checked and bounded (`validateSnapshot`), mapped (`mapSnapshot`), then finished and checked as a lead's
 * fields are (phone split, texts fitted, a bad field dropped and kept as text). A malformed snapshot is refused with
 * field-level issues (`invalid_lead`); a body without `"v": 2` with `unsupported_version`. Pure; never throws.
 *
 * @example
 * const controls = [{ name: 'email', value: 'ada@example.com' }];
 * previewLead({ v: 2, form: 'Contact', page: '/contact', at, controls });
 * // { ok: true, lead: { email: 'ada@example.com', notes: [{ title: 'Contact', description: 'Submitted on …' }] },
 * //   fields: [{ label: 'email', value: 'ada@example.com', maps: 'email' }], dropped: [] }
 */
export const previewLead = (json: unknown): LeadPreview | BodyRefusal => {
  // Anything but an object is a malformed snapshot, for its checks to say so.
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  if (isObject && wireVersion(json) !== 2) {
    return unsupportedVersion(json, 'The preview maps wire format 2 snapshots ("v": 2)', '2');
  }
  const checked = validateSnapshot(json);
  if (!checked.ok) return invalidSnapshot(checked.issues);
  const { lead, fields } = mapSnapshot(checked.snapshot);
  const validated = validateLeadFields({ ...lead });
  // An empty list sends nothing upstream, so it shows nothing either.
  const shown = Object.fromEntries(
    Object.entries(validated.fields).filter(([, value]) => !Array.isArray(value) || value.length > 0),
  );
  return { ok: true, lead: shown, fields, dropped: [...checked.dropped, ...validated.dropped] };
};
