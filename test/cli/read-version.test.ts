import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readVersion } from '../../src/cli/read-version';

const directory = mkdtempSync(join(tmpdir(), 'flowmatix-version-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('readVersion', () => {
  it("reads this package's version from src/cli", () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(readVersion()).toBe(manifest.version);
  });

  it('skips package.json files of other packages on the way up', () => {
    writeFileSync(join(directory, 'package.json'), JSON.stringify({ name: 'flowmatix-leads', version: '9.8.7' }));
    mkdirSync(join(directory, 'dist'));
    writeFileSync(join(directory, 'dist', 'package.json'), JSON.stringify({ type: 'module' }));
    expect(readVersion(pathToFileURL(join(directory, 'dist', 'cli.js')).href)).toBe('9.8.7');
  });
});
