import type { SnapshotControl } from '../../shared/lead-snapshot';
import { detectRole } from './detect-role';
import { type FieldRole, isFieldRole } from './field-role';

/** A control as a lead reads it: what people call it, its value, and what it is for (none: an attribute). */
export interface ReadControl {
  label: string;
  value: string;
  role?: FieldRole;
  /** A hidden input nobody mapped: not part of the lead. */
  hidden?: boolean;
}

const SPACES = /\s+/g;
// Required marks and trailing colons are how a form shows a label, not part of it. Read after whitespace runs are
// one space, without a repeated class before `$`: that would take quadratic time on a long run of colons.
const REQUIRED = /\*|\( ?(required|optional) ?\)/gi;
const YES = /^(on|1|true|yes)$/i;
const PLUS_DIGIT = /\+\s*\d/;
const DIGIT = /\d/;
const ANY_CHOICE = /[^,]/;

const text = (value: unknown): string => (typeof value == 'string' ? value : '');
const cleanLabel = (label: string): string => {
  const cleaned = label.replace(SPACES, ' ').replace(REQUIRED, '');
  let end = cleaned.length;
  while (end > 0 && (cleaned[end - 1] == ':' || cleaned[end - 1] == ' ')) end--;
  return cleaned.slice(0, end).trim();
};

// Dial-code selects show a country and keep the code in the value ("+91" behind "India"), or keep a country code
// in the value and the dial code in the text ("IN" behind "India (+91)"): take whichever has digits.
const dialCodeOf = (texts: string, values: string): string => {
  const shown = texts.split(', ');
  const kept = values.split(',');
  if (shown.length != kept.length) return DIGIT.test(values) ? values : texts;
  return kept.map((value, index) => (DIGIT.test(value) ? value : shown[index]!)).join();
};

/**
 * Reads one control of a snapshot as a lead sees it. `data-flowmatix-field` wins (a role, or `attribute:Key`);
 * else a hidden input is left out; else its role is detected (`detectRole`), and a select whose choice reads
 * "+91" gives the dial code whatever it is called. A checked single checkbox whose value is on/1/true/yes reads
 * `yes`; a radio or a box of a group (a legend, a shared name, or a name ending in `[]`) is keyed by the group
 * and reads as its own label. A select whose chosen options are all prompts (no value) is empty.
 * `groupNames` are the names that more than one checkbox or radio of the snapshot carries.
 *
 * @example
 * readControl({ name: 'your-email', type: 'email', value: ' ada@example.com ' }, 0, new Set());
 * // { label: 'your-email', value: 'ada@example.com', role: 'email' }
 */
export const readControl = (control: SnapshotControl, index: number, groupNames: ReadonlySet<string>): ReadControl => {
  const type = text(control.type).toLowerCase() || 'text';
  const name = text(control.name);
  const id = text(control.id);
  const placeholder = text(control.placeholder);
  const own = cleanLabel(text(control.label) || placeholder);
  const option = text(control.option);
  const select = type.startsWith('select') || control.option !== undefined;
  let label = own || name || id || `Field ${index + 1}`;
  let value = text(control.value).trim();
  if (select && control.option !== undefined && !ANY_CHOICE.test(option)) value = '';
  if (type == 'checkbox' || type == 'radio') {
    const legend = cleanLabel(text(control.legend));
    // A radio's or a grouped box's own label names the option; the question is the legend or the shared name.
    const group = type == 'radio' || legend || groupNames.has(name) || name.endsWith('[]');
    if (group) label = legend || name || label;
    value = group ? own || value : YES.test(value) ? 'yes' : value;
  }
  const field = text(control.field).trim();
  let role: FieldRole | undefined;
  if (field.startsWith('attribute:')) label = field.slice(10).trim() || label;
  else if (field) role = isFieldRole(field) ? field : undefined;
  else if (type == 'hidden') return { label, value, hidden: true };
  else {
    role = detectRole(`${name} ${id} ${own} ${placeholder}`, type, text(control.autocomplete), text(control.legend));
    if (!role && select && PLUS_DIGIT.test(value)) role = 'dial-code';
  }
  if (role == 'dial-code' && select && value) value = dialCodeOf(value, option);
  return role ? { label, value, role } : { label, value };
};
