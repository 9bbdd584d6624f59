import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';

const outDir = mkdtempSync(join(tmpdir(), 'flowmatix-leads-sri-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it('writes the sha384 integrity value of the script-tag bundle beside it, as browsers compute it', async () => {
  await build({ mode: 'iife', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  const script = readFileSync(join(outDir, 'flowmatix-leads.js'));
  const expected = `sha384-${createHash('sha384').update(script).digest('base64')}`;
  expect(readFileSync(join(outDir, 'flowmatix-leads.js.sri'), 'utf8').trim()).toBe(expected);
}, 60_000);
