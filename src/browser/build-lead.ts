import type { LeadAttribute, LeadConsent } from '../shared/lead';
import type { FieldRole } from './detect-field';
import type { LeadDraft } from './lead-draft';
import { stripCardNumbers } from './strip-card-numbers';

/** A value captured from a form control or an API call: what it is for (`role`) or, without one, an attribute. */
export interface CapturedField {
  label: string;
  value: string;
  role?: FieldRole;
}

/** Where and when the fields were captured, and what the page adds to them. */
export interface LeadContext {
  /** The form's label, or the label given to an API capture: the title of the lead's first note. */
  form: string;
  /** The page's path. */
  page: string;
  /** ISO 8601 time of the submission. */
  at: string;
  tags?: string[];
  consent?: LeadConsent;
  /** `data-default-dial-code`: sent with a phone when no dial-code field has one. */
  defaultDialCode?: string;
}

/**
 * Turns captured fields into a lead draft (identity is the caller's). The first value of each role wins; a
 * different later one becomes an attribute, as does every field without a role (one key, values joined), so
 * nothing is lost. First + last names join into `name`; a lone "name" next to only a first or only a last name is
 * the other half (French "Nom" + "Prénom", Spanish "Nombre" + "Apellidos"). A phone typed into several boxes is
 * joined. The phone goes as typed, with the dial-code field's value (or option text), else `defaultDialCode`: the
 * relay (`normalizeBrowserLead`) splits it with the calling-code table, flags one that does not parse, and fits
 * the text to the lead limits, so every visitor downloads none of that. The first note records the form, page and
 * time; free text follows as notes titled by their labels. Card numbers are cut out of every value
 * (`stripCardNumbers`); a value left empty is dropped.
 *
 * @example
 * buildLead([{ label: 'Email', value: 'ada@example.com', role: 'email' }], { form: 'Contact', page: '/', at });
 * // { email: 'ada@example.com', notes: [{ title: 'Contact', description: 'Submitted on / at …' }], tags: [], attributes: [] }
 */
export const buildLead = (fields: CapturedField[], context: LeadContext): LeadDraft => {
  const { form, page, at, tags = [], consent, defaultDialCode } = context;
  const found: Partial<Record<FieldRole, string>> = {};
  const notes = [{ title: form, description: `Submitted on ${page} at ${at}` }];
  const attributes: LeadAttribute[] = [];
  const lead: LeadDraft = { notes, tags: [...tags], attributes, consent };
  for (const { label, value: typed, role } of fields) {
    const value = stripCardNumbers(typed).trim();
    if (!value) continue;
    if (role == 'note') notes.push({ title: label, description: value });
    else if (role == 'tags') lead.tags!.push(...value.split(','));
    else if (role && !found[role]) found[role] = value;
    // A phone typed into several boxes (area code, prefix, line) arrives in short runs of digits.
    else if (role == 'phone' && /^\d{1,4}$/.test(value)) found.phone += value;
    else if (found[role!] != value) {
      const same = attributes.find((a) => a.key == label);
      if (same) same.value += `, ${value}`;
      else attributes.push({ key: label, value });
    }
  }
  const { name, 'first-name': first, 'last-name': last, 'dial-code': dial, email, phone } = found;
  lead.name = (name && !first == !last ? name : `${first || name || ''} ${last || (first && name) || ''}`.trim()) || undefined;
  lead.email = email;
  if (phone) [lead.phone, lead.dialCode] = [phone, dial || defaultDialCode];
  return lead;
};
