import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readAttributeDocs } from './browser/attribute-docs';

const START = '<!-- attributes:start -->';
const END = '<!-- attributes:end -->';

/** The README's attribute table, rendered from the JSDoc of `ATTRIBUTES`. */
export const renderAttributeTable = (): string => {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = readAttributeDocs().map(
    ({ name, description, example }) => `| \`${name}\` | ${cell(description)} | \`${cell(example)}\` |`,
  );
  return ['| attribute | what it does | example |', '|---|---|---|', ...rows].join('\n');
};

/** The README with its attribute section replaced by a freshly rendered table. */
export const withAttributeTable = (readme: string): string => {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${renderAttributeTable()}\n${readme.slice(end)}`;
};

export const README_PATH = fileURLToPath(new URL('../README.md', import.meta.url));

// `npm run docs` rewrites the table in place.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(README_PATH, withAttributeTable(readFileSync(README_PATH, 'utf8')));
}
