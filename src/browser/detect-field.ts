import { words } from './words';

/** What a control's value is for in a lead. A control with no role becomes an attribute keyed by its label. */
export type FieldRole = 'name' | 'first-name' | 'last-name' | 'email' | 'phone' | 'dial-code' | 'note' | 'tags';

// Words of autocomplete tokens, names, ids, labels and placeholders, in English only: every visitor downloads
// them. Stems that other languages share still match ("Telefon", "Teléfono", "E-Mail", "Messaggio"); other labels
// become attributes, so nothing is lost. Short words match whole ("noted" is no note, "fullname" no lname,
// "voicemail" no email, "Telegram" no phone). The first rule that matches wins, so order matters: "country code" is no
// phone, "first name" no name; a rule without a role ends detection (a company's or a user's name is nobody's
// name, an honorific prefix no dial code).
const RULES: [RegExp, FieldRole?][] = [
  [/honorific|nick|additional|country name/],
  // Parts of a phone number in separate boxes (autocomplete `tel-area-code`, `tel-local-prefix`…).
  [/(tel|phone) (area|local)/, 'phone'],
  [/dial|(country|calling|phone) ?code|prefi/, 'dial-code'],
  [/[^c]e ?mail/, 'email'],
  [/phone| tel(ef| )|mobil| cell|whats| contact n(o |um)/, 'phone'],
  [/mess|comment|question|quir[iy]|detail| notes? |how can| body /, 'note'],
  [/compan|busine|organi| firm|user|account|domain|file|product|project|event|street|city|brand|site|shop/],
  [/last|family|surname| lname/, 'last-name'],
  [/first|given| fname/, 'first-name'],
  [/name/, 'name'],
];

const rule = (text: string) => RULES.find(([pattern]) => pattern.test(words(text)));

/**
 * Guesses a control's role when it has no explicit mapping: its `autocomplete` tokens first, then its input type,
 * then the words of its name, id, label and placeholder (`hints`). Textareas are notes; selects can only give a
 * dial code; checkboxes, radios and typed inputs such as date or url are attributes. Pure: the capture API maps
 * its keys with it too.
 *
 * @example
 * detectField('your-name Your name'); // 'name'
 * detectField('input_3 Phone', 'tel'); // 'phone'
 * detectField('country Country code', 'select-one'); // 'dial-code'
 */
export const detectField = (hints: string, type = 'text', autocomplete = ''): FieldRole | undefined => {
  const token = rule(autocomplete);
  if (token) return token[1];
  const role = rule(hints)?.[1];
  return type == 'textarea'
    ? 'note'
    : type.startsWith('select')
      ? role == 'dial-code' || role == 'phone' ? 'dial-code' : undefined
      : type == 'email'
        ? type
        : type == 'tel'
          ? role == 'dial-code' ? role : 'phone'
          : /^(text|search|number)$/.test(type) ? role : undefined;
};
