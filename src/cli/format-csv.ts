// A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

const cell = (value: string): string => {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * Rows as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled). A cell
 * that a spreadsheet would run as a formula gets a leading `'`.
 *
 * @example
 * formatCsv([['name', 'note'], ['Ada', '=HYPERLINK("x")']]);
 * // 'name,note\r\nAda,"\'=HYPERLINK(""x"")"\r\n'
 */
export const formatCsv = (rows: string[][]): string => rows.map((row) => `${row.map(cell).join(',')}\r\n`).join('');
