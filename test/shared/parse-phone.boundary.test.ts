import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g;

/** The packages source files reach through their relative imports, type-only ones included, and a file importing each. */
const packagesReached = (entries: string[]): Map<string, string> => {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (!specifier!.startsWith('.')) {
        packages.set(specifier!, relative(root, file));
        continue;
      }
      const base = join(dirname(file), specifier!);
      const target = [`${base}.ts`, join(base, 'index.ts'), base].find(
        (path) => existsSync(path) && path.endsWith('.ts'),
      );
      if (target) queue.push(target);
    }
  }
  return packages;
};

const sources = (folder: string): string[] =>
  readdirSync(join(root, folder))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(root, folder, file));

describe('libphonenumber stays on the server', () => {
  it('is reached by the relay, through parsePhone', () => {
    const packages = packagesReached([join(root, 'src/relay/core/normalize-browser-lead.ts')]);
    expect(packages.has('libphonenumber-js/core')).toBe(true);
    expect(packages.has('libphonenumber-js/metadata.max')).toBe(true);
  });

  it('is never reached from the browser room, whatever it imports from the shared one', () => {
    const browser = sources('src/browser');
    expect(browser.length).toBeGreaterThan(10);
    const reached = [...packagesReached(browser)].filter(([name]) => name.startsWith('libphonenumber-js'));
    expect(reached).toEqual([]);
  });
});
