// The relay's field mapping for wire format v2: pure functions from a snapshot to a lead, no DOM.
export { detectRole } from './detect-role';
export { FIELD_LANGUAGES } from './field-languages';
export { isFieldRole } from './field-role';
export { compileFieldRules, FIELD_RULES, findFieldRule } from './field-rules';
export { CUT_MARKER, mapSnapshot } from './map-snapshot';
export { readControl } from './read-control';
export { regionFromLang } from './region-from-lang';
export { words } from './words';

export type { LeadSnapshot, SnapshotControl } from '../../shared/lead-snapshot';
export type { FieldRole } from './field-role';
export type { FieldRule } from './field-rules';
export type { FieldWords } from './field-words';
export type { ReadControl } from './read-control';
export type { DropReason, MappedControl, MappedLead, SnapshotMapping } from './snapshot-mapping';
