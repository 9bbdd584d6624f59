import type { FieldRole } from './field-role';
import { findFieldRule } from './field-rules';
import { words } from './words';

const TEXT_TYPES = /^(text|search|number)$/;

/**
 * Guesses a control's role when it has no explicit mapping: its `autocomplete` tokens first, then its input type,
 * then the words of its name, id, label and placeholder (`hints`) in any language of `FIELD_LANGUAGES`. Textareas
 * are notes; selects can only give a dial code; checkboxes, radios and typed inputs such as date or url are
 * attributes. When its own words say nothing, the legend of its fieldset may make it part of a phone (boxes for
 * area code, prefix and line under "Phone").
 *
 * @example
 * detectRole('your-name Your name'); // 'name'
 * detectRole('input_3 Phone', 'tel'); // 'phone'
 * detectRole('country Country code', 'select-one'); // 'dial-code'
 * detectRole('nachname Nachname'); // 'last-name'
 */
export const detectRole = (hints: string, type = 'text', autocomplete = '', legend = ''): FieldRole | undefined => {
  const token = autocomplete ? findFieldRule(words(autocomplete)) : undefined;
  if (token) return token.role;
  const own = findFieldRule(words(hints));
  let role = own?.role;
  if (!own && legend) {
    const grouped = findFieldRule(words(legend))?.role;
    if (grouped == 'phone' || grouped == 'dial-code') role = grouped;
  }
  return type == 'textarea'
    ? 'note'
    : type.startsWith('select')
      ? role == 'dial-code' || role == 'phone'
        ? 'dial-code'
        : undefined
      : type == 'email'
        ? type
        : type == 'tel'
          ? role == 'dial-code'
            ? role
            : 'phone'
          : TEXT_TYPES.test(type)
            ? role
            : undefined;
};
