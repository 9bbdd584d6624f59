import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as shared from '../../src/shared/index';

const directory = new URL('../../src/shared/', import.meta.url);

describe('the shared index', () => {
  it('exports every value each shared module exports', async () => {
    const files = readdirSync(directory).filter((file) => file.endsWith('.ts') && file !== 'index.ts');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const module: Record<string, unknown> = await import(new URL(file, directory).href);
      for (const [name, value] of Object.entries(module))
        expect(shared, `${file}: ${name}`).toHaveProperty(name, value);
    }
  });
});
