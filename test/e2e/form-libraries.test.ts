import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { heldLeads, openFormPage, settle, waitForHeldLead } from './pages/form-pages';
import { launchChromium } from './support/launch-chromium';
import { startDemo, type DemoServer } from './support/start-demo';

// Real validation libraries from npm, run for real on test pages (test/e2e/pages/libraries): a submission the
// library rejects must not reach the relay, whatever the library marks or does not mark; the corrected submission
// makes exactly one lead, with the fields the visitor typed. And forms a site writes by hand
// (test/e2e/pages/plain), where what the page does after its own request is the only sign that it sent the form.

let demo: DemoServer;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const LIBRARIES = [
  ['jquery-validation', 'marks the fields invalid and stops the submit; posts with jQuery.ajax'],
  ['pristine', 'marks the field groups has-danger; the page posts with fetch'],
  ['react-hook-form', 'always prevents the submit, validates asynchronously, sets aria-invalid; posts with fetch'],
  ['formik', 'always prevents the submit, validates asynchronously, marks nothing; posts with fetch'],
] as const;

describe('validation libraries in Chromium', () => {
  test.each(LIBRARIES)(
    '%s (%s): an invalid submit sends nothing, the corrected one makes one lead',
    async (library) => {
      const email = `quote+${library}@example.com`;
      const { page, context, errors } = await openFormPage(browser, demo, `/test/e2e/pages/libraries/${library}.html`);
      try {
        const form = page.locator('#quote');
        await form.getByLabel('Your name').fill('Ada Lovelace');
        await form.getByLabel('Email').fill(email);
        await form.getByLabel('Phone').fill('+44 20 7946 0958');
        // Too short for the library: rejected.
        await form.getByLabel('What can we bake for you?').fill('Cake');
        await form.getByRole('button').click();
        await settle(2500);
        expect(await heldLeads(demo, email)).toEqual([]);
        await expect.poll(() => page.locator('#status').textContent()).toBe('');

        await form.getByLabel('What can we bake for you?').fill('A three-tier lemon cake for 80 guests');
        await form.getByRole('button').click();
        await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toMatch(/Thanks/);
        const held = await waitForHeldLead(demo, email);
        expect(held.lead).toMatchObject({ name: 'Ada Lovelace', email, dialCode: '+44', phone: '2079460958' });
        expect(JSON.stringify(held.lead.notes)).toContain('A three-tier lemon cake for 80 guests');
        await settle();
        expect(await heldLeads(demo, email)).toHaveLength(1);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('hand-written AJAX forms in Chromium', () => {
  test('a page that posts with fetch, never reads the answer and clears the form makes one lead', async () => {
    const email = 'news+unread@example.com';
    const { page, context, errors } = await openFormPage(browser, demo, '/test/e2e/pages/plain/fetch-unread.html');
    try {
      const form = page.locator('#quote');
      await form.getByLabel('Your name').fill('Ada Lovelace');
      await form.getByLabel('Email').fill(email);
      await form.getByRole('button').click();
      await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toMatch(/Thanks/);
      const held = await waitForHeldLead(demo, email);
      expect(held.lead).toMatchObject({ name: 'Ada Lovelace', email });
      // The premise: Chromium has not listed the unread request (its answer says no-store), so the reset sent it.
      const listed = await page.evaluate(() => performance.getEntriesByName(`${location.origin}/__demo/orders`).length);
      expect(listed).toBe(0);
      await settle();
      expect(await heldLeads(demo, email)).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
