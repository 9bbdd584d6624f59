import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tab } from './support/browser-session';
import { describeEngines } from './support/each-engine';
import { ROOT } from './support/start-demo';
import { startStorefront, type Storefront } from './support/start-storefront';
import {
  fill,
  readInbox,
  submitAndLand,
  visit,
  waitFor,
  waitForEvent,
  waitForHeldLead,
  waitForLead,
  widgetUuid,
} from './support/storefront';

const ARTIFACTS = join(ROOT, 'test-results/e2e');
const PASSWORD = 'correct-horse-battery-staple-42';

let storefront: Storefront;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  storefront = await startStorefront();
});

afterAll(async () => {
  await storefront?.close();
});

/** Settles what a submission could still send, then answers whether any lead carries `email`. */
const noLeadFor = async (email: string): Promise<boolean> => {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return !(await readInbox(storefront.demo.url)).leads.some((lead) => lead.email === email);
};

/** Waits until the demo's inbox panel lists the visitor's chat (it polls the inbox route). */
const panelLists = (tab: Tab, uuid: string, text = '', timeoutMs = 15_000) =>
  waitFor(
    tab,
    ([id, wanted]) =>
      [...document.querySelectorAll(`.leads li[data-uuid="${id}"]`)].some((item) =>
        (item.textContent ?? '').includes(wanted),
      ),
    [uuid, text] as const,
    { timeoutMs, what: `the inbox panel to list ${uuid}` },
  );

describeEngines(
  'the demo storefront',
  (suite) => {
    const open = (): Promise<Tab> => visit(suite.browser, storefront.host.url);
    const email = (name: string) => `${name}.${suite.engine}@example.com`;

    test('the contact form posts natively, lands on the thank-you page, and its lead carries name, email, phone and message', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      const address = email('ada.contact');
      await fill(tab, '#contact-form [name="name"]', 'Ada Lovelace');
      await fill(tab, '#contact-form [name="email"]', address);
      await fill(tab, '#contact-form [name="country_code"]', '+49');
      await fill(tab, '#contact-form [name="phone"]', '151 23456789');
      await fill(tab, '#contact-form [name="message"]', 'A three-tier lemon cake for 40 guests on 14 June, please.');
      await submitAndLand(tab, '#contact-form button', '/demo/thanks.html?form=contact');

      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.email === address);
      expect(lead).toMatchObject({ uuid, name: 'Ada Lovelace', phone: '+49 15123456789' });
      expect(lead.tags).toContain('contact');
      const notes = JSON.stringify(lead.notes);
      expect(notes).toContain('three-tier lemon cake');
      expect(notes).toContain('Contact us');
      await panelLists(tab, uuid);
      await tab.screenshot(join(ARTIFACTS, `thanks-page-${suite.engine}.png`));
    });

    test('the lead goes under the widget visitor UUID, not the analytics id the site also keeps in sessionStorage', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      const analytics = await tab.evaluate(
        () => JSON.parse(sessionStorage.getItem('ajs_anonymous_id') ?? 'null') as string,
      );
      expect(analytics).toMatch(/^[\da-f]{8}-/);
      expect(analytics).not.toBe(uuid);

      const address = email('grace.news');
      await fill(tab, '#newsletter-email', address);
      await submitAndLand(tab, '#newsletter-form button', '/demo/thanks.html?form=newsletter');

      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.email === address);
      expect(lead.uuid).toBe(uuid);
      expect(lead.name).toBeUndefined();
      expect(lead.tags).toContain('newsletter');
    });

    test('a newsletter signup whose honeypot a bot filled in sends nothing', async () => {
      const tab = await open();
      await widgetUuid(tab);
      const address = email('spam.bot');
      await fill(tab, '#newsletter-email', address);
      await tab.evaluate(() => {
        (document.querySelector('#newsletter-form [name="website"]') as HTMLInputElement).value =
          'https://cheap-pills.example';
      });
      await submitAndLand(tab, '#newsletter-form button', '/demo/thanks.html?form=newsletter');
      expect(await noLeadFor(address)).toBe(true);
    });

    test('the tasting request sends nothing while its consent box is unticked', async () => {
      const tab = await open();
      await widgetUuid(tab);
      const address = email('no.consent');
      await fill(tab, '#tasting-form [name="full_name"]', 'No Consent');
      await fill(tab, '#tasting-form [name="email"]', address);
      await submitAndLand(tab, '#tasting-form button', '/demo/thanks.html?form=tasting');
      expect(await noLeadFor(address)).toBe(true);
    });

    test('the tasting request with consent ticked records the consent, the event date and the guest count', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      const address = email('mary.tasting');
      await fill(tab, '#tasting-form [name="full_name"]', 'Mary Berry');
      await fill(tab, '#tasting-form [name="email"]', address);
      await fill(tab, '#tasting-form [name="event_date"]', '2026-06-14');
      await fill(tab, '#tasting-form [name="guests"]', '60');
      await tab.click('#tasting-form [name="contact_ok"]');
      await submitAndLand(tab, '#tasting-form button', '/demo/thanks.html?form=tasting');

      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.email === address);
      expect(lead).toMatchObject({ uuid, name: 'Mary Berry' });
      expect(lead.tags).toEqual(expect.arrayContaining(['tasting', 'wedding']));
      expect(lead.attributes.map((attribute) => attribute.value)).toEqual(expect.arrayContaining(['2026-06-14', '60']));
      expect(JSON.stringify(lead)).toContain('may contact me about my tasting');
    });

    test('the AJAX pickup form keeps its own confirmation, and its lead reaches the inbox panel within a second', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      const name = `Linus Baker ${suite.engine}`;
      await fill(tab, '#pickup-form [name="your-name"]', name);
      await fill(tab, '#pickup-form [name="mobile"]', '+44 7700 900123');
      await fill(tab, '#pickup-form [name="loaf"]', 'Seeded rye');
      await fill(tab, '#pickup-form [name="pickup-time"]', '11:00');

      const started = Date.now();
      await tab.click('#pickup-form button');
      await panelLists(tab, uuid, name, 5000);
      const shownAfterMs = Date.now() - started;

      await waitFor(
        tab,
        () => document.querySelector('#pickup-form .form-status')?.textContent?.includes('Thanks, Linus!'),
        undefined,
        {
          what: "the pickup form's confirmation",
        },
      );
      expect(new URL(await tab.url()).pathname).toBe('/');
      expect(shownAfterMs).toBeLessThan(1000);
      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.uuid === uuid);
      expect(lead).toMatchObject({ name, phone: '+44 7700900123' });
      expect(lead.tags).toContain('pickup');
      const values = lead.attributes.map((attribute) => attribute.value);
      expect(values).toEqual(expect.arrayContaining(['Seeded rye', '11:00']));
      const sent = await waitForEvent(tab, 'flowmatix:sent', 'Pickup order');
      expect(sent.detail).toMatchObject({ requestId: expect.any(String) });
    });

    test('the Bread Club signup becomes a lead without its password, which appears in no request but the form post itself', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      const address = email('grace.club');
      await fill(tab, '#signup-form [name="first_name"]', 'Grace');
      await fill(tab, '#signup-form [name="last_name"]', 'Hopper');
      await fill(tab, '#signup-form [name="email"]', address);
      await fill(tab, '#signup-form [name="password"]', PASSWORD);
      await fill(tab, '#signup-form [name="favourite_loaf"]', 'Spelt & honey');
      await submitAndLand(tab, '#signup-form button', '/demo/thanks.html?form=signup');

      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.email === address);
      expect(lead).toMatchObject({ uuid, name: 'Grace Hopper' });
      expect(lead.attributes.map((attribute) => attribute.value)).toContain('Spelt & honey');
      // Whatever the thank-you page's companion still sends has gone by now.
      await new Promise((resolve) => setTimeout(resolve, 500));

      // Everything the browser sent to the site, as the site received it.
      const { requests } = storefront.host;
      const carriers = requests.filter((request) => `${request.url}\n${request.body}`.includes(PASSWORD));
      expect(carriers.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /__demo/form/signup']);
      expect(requests.filter((request) => request.url.startsWith('/api/flowmatix/')).length).toBeGreaterThan(0);
      expect(JSON.stringify(storefront.demo.sandbox.chats())).not.toContain(PASSWORD);
      expect(JSON.stringify(await readInbox(storefront.demo.url))).not.toContain(PASSWORD);
      const storage = await tab.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
      expect(storage).not.toContain(PASSWORD);
    });

    test('the storefront with leads in its inbox panel, screenshot', async () => {
      // A visitor who never opens the chat: the panel shows the lead among the held ones.
      const other = await open();
      const held = email('paul.held');
      await fill(other, '#contact-form [name="name"]', 'Paul Hollywood');
      await fill(other, '#contact-form [name="email"]', held);
      await fill(other, '#contact-form [name="message"]', 'Two sourdough loaves for Saturday, please.');
      await submitAndLand(other, '#contact-form button', '/demo/thanks.html?form=contact');
      await waitForHeldLead(storefront.demo.url, (candidate) => candidate.email === held);

      const tab = await open();
      const uuid = await widgetUuid(tab);
      await fill(tab, '#pickup-form [name="your-name"]', 'Nadiya Hussain');
      await fill(tab, '#pickup-form [name="mobile"]', '+44 7700 900456');
      await fill(tab, '#pickup-form [name="loaf"]', 'Cardamom buns (4)');
      await tab.click('#pickup-form button');
      await panelLists(tab, uuid);
      await tab.click(`.leads li[data-uuid="${uuid}"] summary`);
      await tab.setViewport(1440, 900);
      await tab.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));

      const wide = join(ARTIFACTS, `storefront-wide-${suite.engine}.png`);
      await tab.screenshot(wide);
      await tab.setViewport(390, 844);
      await tab.screenshot(join(ARTIFACTS, `storefront-phone-${suite.engine}.png`));
      if (process.env.UPDATE_SCREENSHOT === '1' && suite.engine === 'chromium')
        copyFileSync(wide, join(ROOT, 'demo/screenshot.png'));
      // Still open after the panel's next poll.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(
        await tab.evaluate(
          (id) => document.querySelector(`.leads li[data-uuid="${id}"] details`)?.getAttribute('open'),
          uuid,
        ),
      ).toBe('');
    });
  },
  { host: () => storefront?.host },
);
