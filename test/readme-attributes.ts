import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readAttributeDocs } from './browser/attribute-docs';

const START = '<!-- attributes:start -->';
const END = '<!-- attributes:end -->';

/** The attribute reference table, rendered from the JSDoc of `ATTRIBUTES`. */
export const renderAttributeTable = (): string => {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = readAttributeDocs().map(
    ({ name, description, example }) => `| \`${name}\` | ${cell(description)} | \`${cell(example)}\` |`,
  );
  return ['| attribute | what it does | example |', '|---|---|---|', ...rows].join('\n');
};

/** The page with the text between its attribute markers replaced by a freshly rendered table. */
export const withAttributeTable = (page: string): string => {
  const start = page.indexOf(START);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${ATTRIBUTES_DOC_PATH} lacks the ${START} … ${END} markers`);
  return `${page.slice(0, start + START.length)}\n${renderAttributeTable()}\n${page.slice(end)}`;
};

/** The page that holds the generated table: docs/attributes.md. */
export const ATTRIBUTES_DOC_PATH = fileURLToPath(new URL('../docs/attributes.md', import.meta.url));

// `npm run docs` rewrites the table in place.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(ATTRIBUTES_DOC_PATH, withAttributeTable(readFileSync(ATTRIBUTES_DOC_PATH, 'utf8')));
}
