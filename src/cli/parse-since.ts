import { UsageError } from './cli-error';

const DATE_TIME = /^(\d{4}-\d\d-\d\d)(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d))?$/;

// Date.parse rolls 2026-02-31 over into March: a day that does not exist is refused instead.
const isCalendarDay = (day: string): boolean => {
  const time = Date.parse(`${day}T00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().startsWith(day);
};

/**
 * `--since`: a day (`2026-05-01`, from midnight UTC) or an ISO 8601 time with its zone (`2026-05-01T14:30Z`,
 * `2026-05-01T16:30+02:00`), in milliseconds since the epoch.
 *
 * @example
 * parseSince('--since', '2026-05-01'); // 1777593600000
 */
export const parseSince = (option: string, value: string): number => {
  const text = value.trim();
  const match = DATE_TIME.exec(text);
  const time = match?.[1] && isCalendarDay(match[1]) ? Date.parse(match[2] ? text : `${text}T00:00Z`) : Number.NaN;
  if (!Number.isFinite(time)) {
    throw new UsageError(`${option} is a day such as 2026-05-01 or a time such as 2026-05-01T14:30Z, not "${value}"`);
  }
  return time;
};
