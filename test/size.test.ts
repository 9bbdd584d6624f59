import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every visitor of every customer site downloads the companion: the script-tag bundle is built fresh here, exactly
// as `vite build --mode iife` builds dist/flowmatix-leads.js, and weighed gzipped at level 9. Raising the ceiling
// is a decision, taken in the commit that needs it.
//
// What the bundle holds: reading its script tag and the widget's identity (BotId/CustomerId, the visitor UUID found
// in sessionStorage); binding `form[data-flowmatix]` (capture-phase submit, constraint checks where the browser made
// none, builders without a submit button, the decision deferred past the page's own handlers); the snapshot of each
// control with the privacy rules (sensitive controls never read, card numbers cut, consent gate, honeypot, ignore,
// hidden inputs kept back unless mapped) and the cut to the relay's body cap; the capture API and event; debug()
// through the relay's preview; and durable delivery (outbox in sessionStorage, keepalive fetch, beacons, retries
// with backoff, lifecycle events, confirm mode, the unattached and held path). Field detection, name joining,
// notes, attributes, phone parsing and text limits are the relay's (`mapSnapshot`), and are not in it.
const CEILING = 8_343;

let outDir: string;
let bundle: string;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'flowmatix-leads-size-'));
  await build({ mode: 'iife', logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  bundle = readFileSync(join(outDir, 'flowmatix-leads.js'), 'utf8');
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('dist/flowmatix-leads.js', () => {
  it(`weighs at most ${CEILING} bytes gzipped`, () => {
    const size = gzipSync(bundle, { level: 9 }).length;
    expect(size, `${size} B gzip -9`).toBeLessThanOrEqual(CEILING);
  });

  it('is a self-contained script: no imports, one IIFE', () => {
    expect(bundle).not.toMatch(/^\s*import\s|\bexport\s*\{/m);
    expect(bundle.trimStart().startsWith('(function')).toBe(true);
  });

  it('carries neither ky nor zod', () => {
    for (const marker of [
      'throwHttpErrors',
      'beforeRetry',
      'afterResponse',
      'ky/',
      'ZodError',
      '_zod',
      '$ZodType',
      'safeParse',
    ]) {
      expect(bundle, marker).not.toContain(marker);
    }
  });

  it('never names the token headers: the token lives on the server', () => {
    expect(bundle.toLowerCase()).not.toContain('x-bp-token');
    expect(bundle.toLowerCase()).not.toContain('x-bot-token');
  });

  it('leaves field detection to the relay: no field words, no lead building', () => {
    for (const marker of ['first-name', 'last-name', 'surname', 'comment', 'Submitted on'])
      expect(bundle, marker).not.toContain(marker);
  });

  it('leaves the attribute reference out: it lives in JSDoc', () => {
    expect(bundle).not.toContain('opts it in');
    expect(bundle).not.toContain('@example');
  });
});
