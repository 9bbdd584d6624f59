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
// The target is 5,000 B (4,000 B the goal). With every capture and delivery rule of the contract the bundle weighs
// 6,195 B today, after moving phone parsing, the calling-code table and the lead limits to the relay; the ceiling
// sits just above that so the bundle cannot grow while it is brought down. README "Size" says where the bytes go.
// Bytes spent since, because they protect visitors:
// - 6,277 B: no page freeze with megabytes of app JSON in sessionStorage (identity asked once per delivery pass,
//   values without a UUID never parsed, the widget's key remembered).
// - 6,310 B: no endless timer loop from a far-future time in storage (timer delays capped, stored times bounded).
// - 6,513 B: no card number in a lead whatever the field is called (Luhn check on every value), and PINs, security
//   and 2FA codes, passphrases, bank accounts, tax ids and autocomplete=off card fields kept out.
// - 6,565 B: a disabled consent box or honeypot still gates the submission.
// - 6,606 B: a novalidate form with a required field the page does not show (builders' conditional logic) still
//   yields its leads (checkVisibility, and client rects where it is missing).
// - 6,702 B: the click that submits pays only for reading the values (the lead is built in the next task or at
//   pagehide; its page path kept from the submit), and delivery starts after the page's own start-up: the submit
//   handler went from ~7 ms to under 1 ms of main thread in Chromium (npm run bench).
// - 6,720 B: a submit the browser has validated already (a trusted event, no novalidate, no formnovalidate
//   button) is not validated again: ~0.1 ms less main thread per submit in Chromium. Reading the script tag
//   without parsing URLs gave back 21 B of it.
// - 6,756 B: bound forms read once at idle time, so that the click that submits finds its code compiled: ~0.25 ms
//   less main thread per submit in Chromium (medians of 40 loads 0.41-0.76 ms, against 0.63-1.05 without, lower in
//   each of seven paired runs), for ~0.5 ms while the page is idle.
// - 6,768 B: the relay path resolved against the page when delivery starts (not at start-up, not by fetch against
//   the document's base): a page whose <base href> names another origin still sends its leads to its own relay.
// - 6,777 B: the idle-time warm-up also runs the submit handler once on a target that is no form, so that the click
//   finds it compiled: the handler's median went from ~0.68 ms to ~0.20 in Chromium (two paired runs of 60 loads).
// - 6,913 B: no lead lost when the visitor never opens the chat: a lead that lacks only the UUID goes to the relay
//   without it after a bounded wait or when the page goes away, stays in the outbox held on the 202, and is sent
//   again with the UUID, once, when the UUID appears in the tab.
// - 6,957 B: the wait set from the script tag (data-uuid-wait), with a warning for a value that is no number of
//   seconds rather than a silent default.
const CEILING = 6_957;

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
    for (const marker of ['throwHttpErrors', 'beforeRetry', 'afterResponse', 'ky/', 'ZodError', '_zod', '$ZodType', 'safeParse']) {
      expect(bundle, marker).not.toContain(marker);
    }
  });

  it('never names the token headers: the token lives on the server', () => {
    expect(bundle.toLowerCase()).not.toContain('x-bp-token');
    expect(bundle.toLowerCase()).not.toContain('x-bot-token');
  });

  it('leaves the attribute reference out: it lives in JSDoc', () => {
    expect(bundle).not.toContain('opts it in');
    expect(bundle).not.toContain('@example');
  });
});
