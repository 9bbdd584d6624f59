import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Not `new URL('literal', import.meta.url)`: Vite's build would inline the file it finds there as a data: URL.
const besideThisModule = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Where the built companion may be, first match wins: beside this module once installed (dist/ holds both), in
 * this repository's dist/ when run from source, and in `root`'s dist/ (a project that built it itself).
 */
export const companionFilePaths = (root?: string): string[] => [
  besideThisModule('./flowmatix-leads.js'),
  besideThisModule('../../../dist/flowmatix-leads.js'),
  ...(root === undefined ? [] : [resolve(root, 'dist/flowmatix-leads.js')]),
];

/**
 * Reads the first of `paths` that exists, or undefined. Node-only, for the Vite plugin and the CLI; called per
 * request so that a rebuilt companion is served without a restart (the ETag changes with it).
 *
 * @example
 * createRelay({ ...options, companionScript: () => readCompanionFile(companionFilePaths()) });
 */
export const readCompanionFile = async (paths: readonly string[]): Promise<string | undefined> => {
  for (const path of paths) {
    try {
      return await readFile(path, 'utf8');
    } catch {
      // Not there: try the next place.
    }
  }
  return undefined;
};
