import type { LeadNote } from '../../shared/lead';
import { LEAD_LIMITS } from '../../shared/lead-limits';
import { normalizeText } from '../../shared/normalize-text';
import type { DroppedField } from './validate-lead';

const MAX_RAW_LENGTH = 300;
const MAX_REASON_LENGTH = 120;
// Each value keeps at least this much when many share the note.
const MIN_RAW_LENGTH = 20;
const MAX_DEPTH = 4;

/** Cuts text to `max` characters with an ellipsis, never between the two halves of a surrogate pair. */
const clip = (text: string, max: number): string => {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
};

/**
 * A bounded, printable rendering of any JSON value. Written by hand rather than with `JSON.stringify` so that a
 * deeply nested or huge value costs at most a few hundred characters and never recurses without bound.
 */
const render = (value: unknown, depth: number, budget: { left: number }): string => {
  if (budget.left <= 0) return '…';
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value.slice(0, budget.left));
  else if (value === null || typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (depth >= MAX_DEPTH) text = Array.isArray(value) ? '[…]' : '{…}';
  else if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      if (budget.left <= 0) break;
      parts.push(render(item, depth + 1, budget));
    }
    text = `[${parts.join(', ')}${parts.length < value.length ? ', …' : ''}]`;
  } else if (typeof value === 'object') {
    const parts: string[] = [];
    const entries = Object.entries(value as Record<string, unknown>);
    for (const [key, item] of entries) {
      if (budget.left <= 0) break;
      parts.push(`${JSON.stringify(key.slice(0, 60))}: ${render(item, depth + 1, budget)}`);
    }
    text = `{${parts.join(', ')}${parts.length < entries.length ? ', …' : ''}}`;
  } else text = typeof value;
  budget.left -= text.length;
  return text;
};

/** A raw value as it may appear in a note: one line, printable, at most `max` characters (default 300). */
export const describeRawValue = (value: unknown, max = MAX_RAW_LENGTH): string =>
  clip(normalizeText(render(value, 0, { left: max })), max);

/**
 * The note that keeps what a visitor typed in fields the relay could not send as fields (a malformed email, a
 * phone with letters, a note without a title), so that the owner still sees it in the inbox. Each line: field,
 * the value as sent (one line, control characters removed), and why it was not used. The values share the
 * description's whole length (`LEAD_LIMITS.noteDescription`): a message in a dropped note keeps its text.
 *
 * @example
 * droppedFieldsNote([{ name: 'email', raw: 'ada@', reason: 'must be an email address' }]);
 * // { title: 'Fields kept as text', description: 'email: "ada@" (must be an email address)' }
 */
export const droppedFieldsNote = (dropped: readonly DroppedField[]): LeadNote => {
  const lines = dropped.map((field) => ({
    name: clip(field.name, MAX_REASON_LENGTH),
    reason: clip(normalizeText(field.reason), MAX_REASON_LENGTH),
    raw: field.raw,
  }));
  // What the names, reasons, separators and line breaks take; the rest is shared by the values.
  const fixed = lines.reduce((sum, line) => sum + line.name.length + line.reason.length + 5, 0);
  const each = Math.max(MIN_RAW_LENGTH, Math.floor((LEAD_LIMITS.noteDescription - fixed) / Math.max(1, lines.length)));
  return {
    title: 'Fields kept as text',
    description: clip(
      lines.map((line) => `${line.name}: ${describeRawValue(line.raw, each)} (${line.reason})`).join('\n'),
      LEAD_LIMITS.noteDescription,
    ),
  };
};
