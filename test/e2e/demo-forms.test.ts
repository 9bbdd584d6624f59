import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/launch-chromium';
import { ROOT, startDemo, type DemoServer } from './support/start-demo';
import { readInbox, visit, waitForEvent, waitForHeldLead, waitForLead, widgetUuid, type Visit } from './support/storefront';

const ARTIFACTS = join(ROOT, 'test-results/e2e');
const PASSWORD = 'correct-horse-battery-staple-42';

let demo: DemoServer;
let browser: Browser;
let visits: Visit[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const open = async (path = '/', query?: string): Promise<Visit> => {
  const opened = await visit(browser, demo.url, path, query);
  visits.push(opened);
  return opened;
};

afterEach(async () => {
  for (const { context, watch } of visits) {
    await watch.settle();
    await context.close();
    expect(watch.problems, 'console errors, warnings or page errors').toEqual([]);
  }
  visits = [];
});

/** Settles what a submission could still send, then answers whether any lead carries `email`. */
const noLeadFor = async (email: string): Promise<boolean> => {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return !(await readInbox(demo.url)).leads.some((lead) => lead.email === email);
};

describe('the demo storefront, in Chromium', () => {
  test('the contact form posts natively, lands on the thank-you page, and its lead carries name, email, phone and message', async () => {
    const { page } = await open();
    const uuid = await widgetUuid(page);
    const form = page.locator('#contact-form');
    await form.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await form.getByLabel('Email', { exact: true }).fill('ada.contact@example.com');
    await form.locator('select[name="country_code"]').selectOption('+49');
    await form.getByLabel('Phone', { exact: true }).fill('151 23456789');
    await form.getByLabel('Message', { exact: true }).fill('A three-tier lemon cake for 40 guests on 14 June, please.');
    await Promise.all([page.waitForURL('**/demo/thanks.html?form=contact'), form.getByRole('button').click()]);

    const lead = await waitForLead(demo.url, (candidate) => candidate.email === 'ada.contact@example.com');
    expect(lead).toMatchObject({ uuid, name: 'Ada Lovelace', phone: '+49 15123456789' });
    expect(lead.tags).toContain('contact');
    const notes = JSON.stringify(lead.notes);
    expect(notes).toContain('three-tier lemon cake');
    expect(notes).toContain('Contact us');
    await expect.poll(() => page.locator(`.leads li[data-uuid="${uuid}"]`).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'thanks-page.png') });
  });

  test('the lead goes under the widget visitor UUID, not the analytics id the site also keeps in sessionStorage', async () => {
    const { page } = await open();
    const uuid = await widgetUuid(page);
    const analytics = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('ajs_anonymous_id') ?? 'null') as string,
    );
    expect(analytics).toMatch(/^[\da-f]{8}-/);
    expect(analytics).not.toBe(uuid);

    const form = page.locator('#newsletter-form');
    await form.getByRole('textbox').fill('grace.news@example.com');
    await Promise.all([page.waitForURL('**/demo/thanks.html?form=newsletter'), form.getByRole('button').click()]);

    const lead = await waitForLead(demo.url, (candidate) => candidate.email === 'grace.news@example.com');
    expect(lead.uuid).toBe(uuid);
    expect(lead.name).toBeUndefined();
    expect(lead.tags).toContain('newsletter');
  });

  test('a newsletter signup whose honeypot a bot filled in sends nothing', async () => {
    const { page } = await open();
    await widgetUuid(page);
    const form = page.locator('#newsletter-form');
    await form.getByRole('textbox').fill('spam.bot@example.com');
    await form.locator('input[name="website"]').evaluate((input: HTMLInputElement) => {
      input.value = 'https://cheap-pills.example';
    });
    await Promise.all([page.waitForURL('**/demo/thanks.html?form=newsletter'), form.getByRole('button').click()]);
    expect(await noLeadFor('spam.bot@example.com')).toBe(true);
  });

  test('the tasting request sends nothing while its consent box is unticked', async () => {
    const { page } = await open();
    await widgetUuid(page);
    const form = page.locator('#tasting-form');
    await form.getByLabel('Full name').fill('No Consent');
    await form.getByLabel('Email', { exact: true }).fill('no.consent@example.com');
    await Promise.all([page.waitForURL('**/demo/thanks.html?form=tasting'), form.getByRole('button').click()]);
    expect(await noLeadFor('no.consent@example.com')).toBe(true);
  });

  test('the tasting request with consent ticked records the consent, the event date and the guest count', async () => {
    const { page } = await open();
    const uuid = await widgetUuid(page);
    const form = page.locator('#tasting-form');
    await form.getByLabel('Full name').fill('Mary Berry');
    await form.getByLabel('Email', { exact: true }).fill('mary.tasting@example.com');
    await form.getByLabel('Event date').fill('2026-06-14');
    await form.getByLabel('Guests').fill('60');
    await form.getByRole('checkbox').check();
    await Promise.all([page.waitForURL('**/demo/thanks.html?form=tasting'), form.getByRole('button').click()]);

    const lead = await waitForLead(demo.url, (candidate) => candidate.email === 'mary.tasting@example.com');
    expect(lead).toMatchObject({ uuid, name: 'Mary Berry' });
    expect(lead.tags).toEqual(expect.arrayContaining(['tasting', 'wedding']));
    expect(lead.attributes.map((attribute) => attribute.value)).toEqual(expect.arrayContaining(['2026-06-14', '60']));
    expect(JSON.stringify(lead)).toContain('may contact me about my tasting');
  });

  test('the AJAX pickup form keeps its own confirmation, and its lead reaches the inbox panel within a second', async () => {
    const { page } = await open();
    const uuid = await widgetUuid(page);
    const form = page.locator('#pickup-form');
    await form.getByLabel('Your name').fill('Linus Baker');
    await form.getByLabel('Mobile').fill('+44 7700 900123');
    await form.getByLabel('Loaf').selectOption('Seeded rye');
    await form.getByLabel('Pickup time').selectOption('11:00');

    const started = Date.now();
    await form.getByRole('button').click();
    await page.locator(`.leads li[data-uuid="${uuid}"]`).filter({ hasText: 'Linus Baker' }).waitFor({ timeout: 5000 });
    const shownAfterMs = Date.now() - started;

    await expect.poll(() => form.locator('.form-status').textContent()).toContain('Thanks, Linus!');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(shownAfterMs).toBeLessThan(1000);
    const lead = await waitForLead(demo.url, (candidate) => candidate.uuid === uuid);
    expect(lead).toMatchObject({ name: 'Linus Baker', phone: '+44 7700900123' });
    expect(lead.tags).toContain('pickup');
    const values = lead.attributes.map((attribute) => attribute.value);
    expect(values).toEqual(expect.arrayContaining(['Seeded rye', '11:00']));
    const sent = await waitForEvent(page, 'flowmatix:sent', 'Pickup order');
    expect(sent.detail).toMatchObject({ requestId: expect.any(String) });
  });

  test('the Bread Club signup becomes a lead without its password, which appears in no request but the form post itself', async () => {
    const { page, watch } = await open();
    const uuid = await widgetUuid(page);
    const form = page.locator('#signup-form');
    await form.getByLabel('First name').fill('Grace');
    await form.getByLabel('Last name').fill('Hopper');
    await form.getByLabel('Email').fill('grace.club@example.com');
    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByLabel('Favourite loaf').selectOption('Spelt & honey');
    await Promise.all([page.waitForURL('**/demo/thanks.html?form=signup'), form.getByRole('button').click()]);

    const lead = await waitForLead(demo.url, (candidate) => candidate.email === 'grace.club@example.com');
    expect(lead).toMatchObject({ uuid, name: 'Grace Hopper' });
    expect(lead.attributes.map((attribute) => attribute.value)).toContain('Spelt & honey');
    // Whatever the thank-you page's companion still sends has gone by now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await watch.settle();

    const carriers = watch.requests.filter((request) => request.body.includes(PASSWORD));
    expect(carriers.map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
      'POST /__demo/form/signup',
    ]);
    expect(watch.requests.filter((request) => request.url.includes('/api/flowmatix/')).length).toBeGreaterThan(0);
    expect(JSON.stringify(demo.sandbox.chats())).not.toContain(PASSWORD);
    expect(JSON.stringify(await readInbox(demo.url))).not.toContain(PASSWORD);
    const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    expect(storage).not.toContain(PASSWORD);
  });

  test('the storefront with leads in its inbox panel, screenshot', async () => {
    // A visitor who never opens the chat: the panel shows the lead among the held ones.
    const other = await open();
    const contact = other.page.locator('#contact-form');
    await contact.getByLabel('Name', { exact: true }).fill('Paul Hollywood');
    await contact.getByLabel('Email', { exact: true }).fill('paul.held@example.com');
    await contact.getByLabel('Message', { exact: true }).fill('Two sourdough loaves for Saturday, please.');
    await Promise.all([other.page.waitForURL('**/demo/thanks.html?form=contact'), contact.getByRole('button').click()]);
    await waitForHeldLead(demo.url, (held) => held.email === 'paul.held@example.com');

    const { page } = await open();
    const uuid = await widgetUuid(page);
    const form = page.locator('#pickup-form');
    await form.getByLabel('Your name').fill('Nadiya Hussain');
    await form.getByLabel('Mobile').fill('+44 7700 900456');
    await form.getByLabel('Loaf').selectOption('Cardamom buns (4)');
    await form.getByRole('button').click();
    await page.locator(`.leads li[data-uuid="${uuid}"]`).waitFor();
    await page.locator(`.leads li[data-uuid="${uuid}"] summary`).click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));

    const wide = join(ARTIFACTS, 'storefront-wide.png');
    await page.screenshot({ path: wide });
    await page.screenshot({ path: join(ARTIFACTS, 'storefront-full.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTIFACTS, 'storefront-phone.png'), fullPage: true });
    if (process.env.UPDATE_SCREENSHOT === '1') copyFileSync(wide, join(ROOT, 'demo/screenshot.png'));
    // Still open after the panel's next poll.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await page.locator(`.leads li[data-uuid="${uuid}"] details`).getAttribute('open')).toBe('');
  });
});
