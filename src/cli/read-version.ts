import { readFileSync } from 'node:fs';

/**
 * The package's version, from the nearest `package.json` named `flowmatix-leads` above this module: the same
 * lookup works from `src/cli/` and from the built `dist/`.
 *
 * @example
 * readVersion(); // '0.1.0'
 */
export const readVersion = (from: string = import.meta.url): string => {
  for (let directory = new URL('.', from); ; directory = new URL('..', directory)) {
    try {
      const manifest = JSON.parse(readFileSync(new URL('package.json', directory), 'utf8')) as Record<string, unknown>;
      if (manifest.name === 'flowmatix-leads' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No readable package.json here: look one level up.
    }
    if (directory.pathname === '/') return 'unknown';
  }
};
