// Text from the API goes to a terminal: control characters and bidi overrides could move the cursor or reorder what
// is shown, so they become spaces.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

const fit = (value: string, width: number): string => {
  const characters = [...value.replace(UNSAFE, ' ')];
  return characters.length > width ? `${characters.slice(0, width - 1).join('')}…` : characters.join('');
};

/**
 * Rows as aligned columns under a header, two spaces apart, each cell cut to `maxWidth` characters with `…`.
 *
 * @example
 * formatTable(['UUID', 'NAME'], [['7e88…', 'Ada']]);
 * // 'UUID   NAME\n7e88…  Ada\n'
 */
export const formatTable = (header: string[], rows: string[][], { maxWidth = 40 } = {}): string => {
  const lines = [header, ...rows].map((row) => row.map((cell) => fit(cell, maxWidth)));
  const widths = header.map((_, column) => Math.max(...lines.map((line) => [...(line[column] ?? '')].length)));
  return lines
    .map((line) =>
      line
        .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - [...cell].length))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
};
