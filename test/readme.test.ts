import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../src/browser/attributes';
import { README_PATH, renderAttributeTable, withAttributeTable } from './readme-attributes';

const readme = readFileSync(README_PATH, 'utf8');

describe('README', () => {
  it('shows the attribute table generated from the attribute map (run `npm run docs` after changing it)', () => {
    expect(withAttributeTable(readme)).toBe(readme);
  });

  it('documents every attribute the companion reads, with a description and an example', () => {
    const table = renderAttributeTable();
    for (const name of Object.values(ATTRIBUTES)) {
      expect(table).toMatch(new RegExp(`^\\| \`${name}\` \\| [^|\\s][^\\n]* \\| \`<`, 'm'));
    }
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
