import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { heldLeads, openFormPage, settle, waitForHeldLead } from './pages/form-pages';
import { launchChromium } from './support/launch-chromium';
import { startDemo, type DemoServer } from './support/start-demo';

// Forms a site writes by hand, on test pages (test/e2e/pages/plain) served by the demo server: what the page does
// after its own request is the only sign that it sent the form.

let demo: DemoServer;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
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
      await settle();
      expect(await heldLeads(demo, email)).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
