import { z } from 'zod';
import { LEAD_LIMITS } from '../../shared/lead-limits';
import type { LeadSnapshot } from '../../shared/lead-snapshot';
import type { RelayIssue } from '../../shared/relay-protocol';
import type { DroppedField } from './validate-lead';

/**
 * The bounds of a wire format 2 snapshot, as the relay reads it. Lists are cut at their bound before any element is
 * read (what is cut is kept as text, not lost); strings are cut at theirs, as the lead limits cut texts.
 *
 * @example
 * if (snapshot.controls.length > SNAPSHOT_LIMITS.controls) warn('the relay reads the first 100 controls');
 */
export const SNAPSHOT_LIMITS = {
  /** Controls read; those past it are kept as text in the dropped-fields note. */
  controls: 100,
  /** A control's value, and each text of `lead`: characters (a message note holds no more). */
  value: LEAD_LIMITS.noteDescription,
  /** A control's name, id, type, autocomplete, label, legend, placeholder, field and option; form, page, at, lang. */
  text: 1000,
  /** Issues named in a refusal; the rest are counted in one last issue. */
  issues: 20,
} as const;

/** Each list of a snapshot and how many of its elements are read (twice the lead's limit, as for a v1 body). */
const LISTS = [
  { path: ['controls'], cap: SNAPSHOT_LIMITS.controls, what: 'controls' },
  { path: ['tags'], cap: 2 * LEAD_LIMITS.tags, what: 'tags' },
  { path: ['lead', 'notes'], cap: 2 * LEAD_LIMITS.notes, what: 'notes' },
  { path: ['lead', 'tags'], cap: 2 * LEAD_LIMITS.tags, what: 'tags' },
  { path: ['lead', 'attributes'], cap: 2 * LEAD_LIMITS.attributes, what: 'attributes' },
] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const required = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

// Cut, never refused: a long message is a lead. A high surrogate left alone at the cut goes too.
const text = (max: number) =>
  z
    .string({ error: required('text') })
    .overwrite((value) => (value.length > max ? value.slice(0, max).replace(/[\ud800-\udbff]$/, '') : value));
const optionalText = (max: number) => text(max).optional();
const object = <T extends z.core.$ZodLooseShape>(shape: T) => z.object(shape, { error: required('an object') });
const list = <T extends z.core.SomeType>(element: T) => z.array(element, { error: required('a list') });

const T = SNAPSHOT_LIMITS.text;
const V = SNAPSHOT_LIMITS.value;

const controlSchema = object({
  // "Empty strings may be omitted": a control without a value is one left empty.
  value: text(V).default(''),
  option: optionalText(T),
  name: optionalText(T),
  id: optionalText(T),
  type: optionalText(T),
  autocomplete: optionalText(T),
  label: optionalText(T),
  legend: optionalText(T),
  placeholder: optionalText(T),
  field: optionalText(T),
});

/**
 * Wire format 2 (`LeadSnapshot`) with every string cut to `SNAPSHOT_LIMITS`. Identity (`botId`, `customerId`,
 * `uuid`) is not read here: the lead's own checks judge it, as for a v1 body. Unknown keys (`idempotencyKey`) are
 * stripped. Only types are checked: what the values mean (an email, a consent time) is for the lead's checks, which
 * keep a bad value as text instead of refusing the lead.
 */
const snapshotSchema = object({
  v: z.literal(2),
  form: text(T),
  page: text(T),
  at: text(T),
  lang: optionalText(T),
  dialCode: optionalText(T),
  tags: list(text(V)).optional(),
  consent: object({ text: text(V), at: text(T) }).optional(),
  controls: list(controlSchema),
  lead: object({
    name: optionalText(V),
    email: optionalText(V),
    phone: optionalText(V),
    dialCode: optionalText(T),
    notes: list(object({ title: text(V), description: text(V) })).optional(),
    tags: list(text(V)).optional(),
    attributes: list(object({ key: text(V), value: text(V) })).optional(),
  }).optional(),
});

export type SnapshotValidation =
  | { ok: true; snapshot: LeadSnapshot; dropped: DroppedField[] }
  | { ok: false; issues: RelayIssue[] };

/** The list at `path` in `body`, when there is one. */
const listAt = (body: Record<string, unknown>, path: readonly string[]): unknown => {
  let value: unknown = body;
  for (const key of path) value = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
  return value;
};

/**
 * A copy of `body` with each list cut at its bound (one slice each, whatever its length), and what was cut, named
 * as one range: `controls[100..149]`, with its first ten elements kept as text.
 */
const cutLists = (body: Record<string, unknown>): { body: Record<string, unknown>; dropped: DroppedField[] } => {
  const dropped: DroppedField[] = [];
  let cut = body;
  for (const { path, cap, what } of LISTS) {
    const items = listAt(body, path);
    if (!Array.isArray(items) || items.length <= cap) continue;
    if (cut === body) cut = { ...body };
    if (path.length === 1) cut[path[0]] = items.slice(0, cap);
    else cut.lead = { ...(cut.lead as Record<string, unknown>), [path[1]]: items.slice(0, cap) };
    dropped.push({
      name: `${path.join('.')}[${cap}..${items.length - 1}]`,
      raw: items.slice(cap, cap + 10),
      reason: `are past the first ${cap} ${what} the relay reads (${items.length - cap} entries)`,
    });
  }
  return { body: cut, dropped };
};

const toIssues = (error: z.ZodError): RelayIssue[] => {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message,
  }));
  if (issues.length <= SNAPSHOT_LIMITS.issues) return issues;
  const more = issues.length - SNAPSHOT_LIMITS.issues;
  return [...issues.slice(0, SNAPSHOT_LIMITS.issues), { path: [], message: `and ${more} more issues like these` }];
};

/**
 * Checks a wire format 2 body (`v: 2`) before it is mapped: lists are cut at their bounds first (`controls` at 100,
 * `tags` and the lists of `lead` at twice the lead's limits), so a body of thousands of tiny controls costs no more
 * than a hundred; what was cut is answered in `dropped` and kept as text upstream. Then each element's types are
 * checked: a control whose value is not text, a `controls` that is not a list, a missing `form` refuse the snapshot
 * with field-level issues (`["controls", 3, "value"]`), twenty at most. Strings longer than `SNAPSHOT_LIMITS` are
 * cut, not refused. Never throws.
 *
 * @example
 * const result = validateSnapshot(JSON.parse(text));
 * if (!result.ok) return reject(400, result.issues);
 * const { lead, fields } = mapSnapshot(result.snapshot);
 */
export const validateSnapshot = (value: unknown): SnapshotValidation => {
  if (!isRecord(value)) return { ok: false, issues: [{ path: [], message: 'must be a JSON object' }] };
  const { body, dropped } = cutLists(value);
  const result = snapshotSchema.safeParse(body);
  if (!result.success) return { ok: false, issues: toIssues(result.error) };
  return { ok: true, snapshot: result.data as LeadSnapshot, dropped };
};
