import type { LeadAttribute, LeadNote } from '../../shared/lead';
import type { LeadSnapshot, SnapshotControl } from '../../shared/lead-snapshot';
import type { FieldRole } from './field-role';
import { readControl } from './read-control';
import { regionFromLang } from './region-from-lang';
import type { MappedControl, MappedLead, SnapshotMapping } from './snapshot-mapping';

/** The control the companion adds when it had to cut values to fit the body cap; it becomes a line of the first note. */
export const CUT_MARKER = 'flowmatix-cut';

// A phone typed into several boxes (area code, prefix, line) arrives in short runs of digits.
const PHONE_PART = /^\d{1,4}$/;
// Languages whose people say the family name first: a name joined from its halves follows them.
const FAMILY_NAME_FIRST = /^(ja|zh|ko|hu|vi)(?![a-z])/i;

type Given = NonNullable<LeadSnapshot['lead']>;

// Which part of the page's own values (`flowmatix:capture`'s `detail.lead`) replaces a role's controls.
const givenFor = (role: FieldRole | undefined, given: Given): unknown => {
  switch (role) {
    case 'name':
    case 'first-name':
    case 'last-name':
      return given.name;
    case 'dial-code':
      return given.dialCode;
    case 'note':
      return given.notes;
    case 'email':
    case 'phone':
    case 'tags':
      return given[role];
    default:
      return given.attributes;
  }
};

// The names more than one checked checkbox or radio carries: those boxes are one question. Only checked boxes are
// sent, so unchecked ones (a preview sends them empty) must not count, or a preview would differ from the lead.
const groupNames = (controls: readonly SnapshotControl[]): Set<string> => {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const { type, name, value } of controls) {
    if (
      (type == 'checkbox' || type == 'radio') &&
      typeof name == 'string' &&
      name &&
      typeof value == 'string' &&
      value.trim()
    ) {
      (seen.has(name) ? shared : seen).add(name);
    }
  }
  return shared;
};

const splitTags = (value: string): string[] =>
  value
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

const filled = (value: string | undefined): string | undefined =>
  typeof value == 'string' && value ? value : undefined;

/**
 * Maps a wire-format v2 snapshot to a lead (without identity) and tells, control by control, what each became.
 * Pure: the same snapshot always maps to the same result, and the snapshot is not changed.
 *
 * - Each control is read by `readControl`: explicit `field`, else autocomplete, type and words in many languages.
 * - The first value of each role wins; a different later one becomes an attribute, as does every control without
 *   a role (one key per label, values joined ", "), so nothing is lost; a repeated one is a duplicate.
 * - First and last names join into `name` (family name first when `snapshot.lang` is Japanese, Chinese, Korean,
 *   Hungarian or Vietnamese); a lone "name" beside only a first or only a last name is the other half (French
 *   "Nom" + "Prénom"). A phone typed into several boxes is joined.
 * - The phone and dial code go as typed and offered: the dial-code control, else `snapshot.dialCode`; `region`
 *   comes from `snapshot.lang`. The relay's phone step reads them.
 * - The first note records the form, page and time; free text follows as notes titled by their labels; the
 *   companion's cut marker (`flowmatix-cut`) becomes a line of the first note.
 * - Tags: `snapshot.tags`, then tag controls split at commas. Consent passes through.
 * - Each key of `snapshot.lead` (what a `flowmatix:capture` listener set) wins over the controls of its role, and
 *   its notes, tags and attributes are used as given.
 *
 * @example
 * mapSnapshot({ v: 2, form: 'Contact', page: '/', at, controls: [{ name: 'email', type: 'email', value: 'ada@example.com' }] });
 * // { lead: { email: 'ada@example.com', notes: [{ title: 'Contact', description: `Submitted on / at ${at}` }], tags: [], attributes: [] },
 * //   fields: [{ label: 'email', value: 'ada@example.com', maps: 'email' }] }
 */
export const mapSnapshot = (snapshot: LeadSnapshot): SnapshotMapping => {
  const given: Given = snapshot.lead ?? {};
  const controls = Array.isArray(snapshot.controls) ? snapshot.controls : [];
  const groups = groupNames(controls);
  const found: Partial<Record<FieldRole, string>> = {};
  const firstOf: Partial<Record<FieldRole, MappedControl>> = {};
  const notes: LeadNote[] = [{ title: snapshot.form, description: `Submitted on ${snapshot.page} at ${snapshot.at}` }];
  const tags = Array.isArray(snapshot.tags) ? [...snapshot.tags] : [];
  const attributes: LeadAttribute[] = [];
  const cut: string[] = [];
  const fields = controls.map((control, index): MappedControl => {
    const { label, value, role, hidden } = readControl(control, index, groups);
    const field: MappedControl = { label, value, maps: role ?? 'attribute' };
    if (hidden) field.dropped = 'hidden';
    else if (!value) field.dropped = 'empty';
    else if (control.name === CUT_MARKER && !role) {
      field.maps = 'note';
      cut.push(value);
    } else if (givenFor(role, given) !== undefined) field.dropped = 'overridden';
    else if (role == 'note') notes.push({ title: label, description: value });
    else if (role == 'tags') tags.push(...splitTags(value));
    else if (role && found[role] === undefined) [found[role], firstOf[role]] = [value, field];
    else if (role == 'phone' && PHONE_PART.test(value)) found.phone += value;
    else if (role && found[role] == value) field.dropped = 'duplicate';
    else {
      field.maps = 'attribute';
      if (given.attributes !== undefined) field.dropped = 'overridden';
      else {
        const same = attributes.find((attribute) => attribute.key == label);
        if (same) same.value += `, ${value}`;
        else attributes.push({ key: label, value });
      }
    }
    return field;
  });

  const { name, 'first-name': first, 'last-name': last } = found;
  // A full name beside both halves is the name; the halves are then left out.
  if (name && first && last) firstOf['first-name']!.dropped = firstOf['last-name']!.dropped = 'overridden';
  const [own, family] = [first || name || '', last || (first && name) || ''];
  const familyFirst = typeof snapshot.lang == 'string' && FAMILY_NAME_FIRST.test(snapshot.lang);
  const joined = name && !first == !last ? name : (familyFirst ? `${family} ${own}` : `${own} ${family}`).trim();
  const phone = given.phone !== undefined ? given.phone : found.phone;
  const lead: MappedLead = {
    notes: given.notes !== undefined ? given.notes.map((note) => ({ ...note })) : notes,
    tags: given.tags !== undefined ? [...given.tags] : tags,
    attributes: given.attributes !== undefined ? given.attributes.map((attribute) => ({ ...attribute })) : attributes,
  };
  if (cut.length) {
    const [note] = lead.notes;
    if (note) note.description += `\n${cut.join('\n')}`;
    else lead.notes.push({ title: snapshot.form, description: cut.join('\n') });
  }
  const values = {
    name: filled(given.name !== undefined ? given.name : joined),
    email: filled(given.email !== undefined ? given.email : found.email),
    phone: filled(phone),
    dialCode: filled(
      given.dialCode !== undefined ? given.dialCode : phone ? found['dial-code'] || snapshot.dialCode : undefined,
    ),
  };
  for (const [key, value] of Object.entries(values)) if (value !== undefined) lead[key as keyof typeof values] = value;
  if (snapshot.consent) lead.consent = { ...snapshot.consent };
  const region = regionFromLang(snapshot.lang);
  if (region) lead.region = region;
  return { lead, fields };
};
