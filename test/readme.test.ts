import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../src/browser/attributes';
import { ATTRIBUTES_DOC_PATH, renderAttributeTable, withAttributeTable } from './readme-attributes';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('stays within 15 KiB: the front door, with the rest in docs/', () => {
    expect(statSync(new URL('../README.md', import.meta.url)).size).toBeLessThanOrEqual(15 * 1024);
  });

  it('keeps the two quick-start commands and names the test commands .ci/run runs', () => {
    expect(readme).toContain('npm ci && npm run demo');
    expect(readme).toContain('npm ci && npm test');
    const ci = readFileSync(new URL('../.ci/run', import.meta.url), 'utf8');
    for (const command of ['npm test', 'npm run test:browser', 'npm run test:scale']) {
      expect(ci).toContain(command);
      expect(readme).toContain(command);
    }
  });
});

describe('docs/attributes.md', () => {
  const page = readFileSync(ATTRIBUTES_DOC_PATH, 'utf8');

  it('shows the attribute table generated from the attribute map (run `npm run docs` after changing it)', () => {
    expect(withAttributeTable(page)).toBe(page);
  });

  it('documents every attribute the companion reads, with a description and an example', () => {
    const table = renderAttributeTable();
    for (const name of Object.values(ATTRIBUTES)) {
      expect(table).toMatch(new RegExp(`^\\| \`${name}\` \\| [^|\\s][^\\n]* \\| \`<`, 'm'));
      expect(page).toContain(`| \`${name}\` |`);
    }
  });

  it('refuses a page without the table markers, so the table cannot silently go missing', () => {
    expect(() => withAttributeTable('# Attributes\n')).toThrow(/markers/);
  });
});
