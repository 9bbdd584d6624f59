import type { DroppedField } from './validate-lead';

/** How many names of dropped fields an answer and a log entry carry at most. */
export const DROPPED_NAMES_SHOWN = 10;

/** What an answer and a log entry say of the dropped fields: absent when none were. */
export interface DroppedSummary {
  /** The first `DROPPED_NAMES_SHOWN` names, in the order the lead holds them. */
  dropped?: string[];
  /** How many were dropped, when that is more than the names shown. */
  droppedCount?: number;
}

/**
 * The dropped fields as an answer and a log entry name them: the first ten names, and the count when there are
 * more, so that neither grows with the lead (the kept-as-text note upstream holds their values).
 *
 * @example
 * summarizeDropped([{ name: 'email', raw: 'ada@', reason: 'must be an email address' }]); // { dropped: ['email'] }
 */
export const summarizeDropped = (dropped: readonly DroppedField[]): DroppedSummary => {
  if (dropped.length === 0) return {};
  const names = dropped.slice(0, DROPPED_NAMES_SHOWN).map((field) => field.name);
  return dropped.length > names.length ? { dropped: names, droppedCount: dropped.length } : { dropped: names };
};
