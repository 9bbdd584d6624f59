import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { HeldLead } from '../../src/relay/stores/held-lead-store';
import { createFileHeldLeadStore } from '../../src/relay/stores/file-held-lead-store';
import { buildOnce } from '../helpers/build-once';
import type { Tab } from './support/browser-session';
import { describeEngines } from './support/each-engine';
import { ROOT } from './support/start-demo';
import { startStorefront, type Storefront } from './support/start-storefront';
import { fill, openChat, submitAndLand, visit, waitForHeldLead, waitForLead } from './support/storefront';

const run = promisify(execFile);

let storefront: Storefront;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowmatix-held-e2e-'));
  [storefront] = await Promise.all([
    // The file store `flowmatix-leads held` reads, in a directory of the test's own.
    startStorefront({ heldLeadStore: createFileHeldLeadStore({ dir: dataDir }) }),
    buildOnce(),
  ]);
}, 240_000);

afterAll(async () => {
  await storefront?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `flowmatix-leads held list --format json`, as a site owner runs it beside the relay. */
const heldList = async (): Promise<HeldLead[]> => {
  const { stdout } = await run(
    process.execPath,
    [join(ROOT, 'bin/flowmatix-leads.js'), 'held', 'list', '--format', 'json'],
    { env: { ...process.env, FLOWMATIX_DATA_DIR: dataDir, FLOWMATIX_REDIS_URL: '' }, timeout: 60_000 },
  );
  return JSON.parse(stdout) as HeldLead[];
};

/**
 * Polls the held-lead file through a store of its own, as another process reading it, until a lead with `email` is
 * kept; answers it and how long that took after `since`. (Polling through the CLI would time its start-up too.)
 */
const keptWithin = async (email: string, since: number): Promise<{ held: HeldLead; afterMs: number }> => {
  const reader = createFileHeldLeadStore({ dir: dataDir });
  try {
    for (;;) {
      const held = (await reader.list()).find((candidate) => candidate.lead.email === email);
      if (held) return { held, afterMs: Date.now() - since };
      if (Date.now() - since > 30_000) throw new Error(`${email} was not held within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await reader.close?.();
  }
};

/** Fills the contact form and sends it natively: the browser lands on the thank-you page. */
const sendContactForm = async (tab: Tab, name: string, email: string): Promise<void> => {
  await fill(tab, '#contact-form [name="name"]', name);
  await fill(tab, '#contact-form [name="email"]', email);
  await fill(tab, '#contact-form [name="message"]', 'Do you bake rye on Sundays?');
  await submitAndLand(tab, '#contact-form button', '/demo/thanks.html?form=contact');
};

const uuidsOf = (email: string): string[] =>
  storefront.demo.sandbox
    .chats()
    .filter((chat) => chat.profile?.userDetails?.contact?.email === email)
    .map((chat) => chat.uuid);

describeEngines(
  'leads from visitors who never open the chat',
  (suite) => {
    test('a visitor who submits and closes the tab without opening the chat is held within 2 s and listed by `held list`', async () => {
      const email = `grace.never-chats.${suite.engine}@example.com`;
      const visitor = await visit(suite.browser, storefront.host.url);
      await sendContactForm(visitor, 'Grace Hopper', email);
      await visitor.close();
      const closedAt = Date.now();

      const { held, afterMs } = await keptWithin(email, closedAt);
      expect(afterMs).toBeLessThan(2_000);
      const listed = (await heldList()).find((candidate) => candidate.key === held.key);
      expect(listed).toMatchObject({ lead: { name: 'Grace Hopper', botId: expect.any(String) } });
      expect(listed?.attached).toBeUndefined();
      expect(listed?.lead).not.toHaveProperty('uuid');
      expect(uuidsOf(email)).toEqual([]);
      // The demo's inbox panel shows it in its own group.
      const shown = await waitForHeldLead(storefront.demo.url, (candidate) => candidate.key === held.key);
      expect(shown).toMatchObject({ name: 'Grace Hopper', email });
      expect(shown.attached).toBeUndefined();
    });

    test('a visitor who opens the chat on the next page gets the held lead in that chat, with exactly one PUT', async () => {
      const email = `katherine.later.${suite.engine}@example.com`;
      const page = await visit(suite.browser, storefront.host.url);
      await sendContactForm(page, 'Katherine Johnson', email);
      // On the thank-you page, the companion hands the lead over unattached (the page is left, or the wait ends).
      await page.goto(`${storefront.host.url}/`);
      const { held } = await keptWithin(email, Date.now());
      expect(held.attached).toBeUndefined();

      const uuid = await openChat(page);
      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.email === email);
      expect(lead.uuid).toBe(uuid);
      // Time for a duplicate to show up, if there were one.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(storefront.demo.acceptedPuts(uuid)).toBe(1);
      expect(uuidsOf(email)).toEqual([uuid]);

      const attached = (await heldList()).find((candidate) => candidate.key === held.key);
      expect(attached?.attached?.uuid).toBe(uuid);
      const shown = await waitForHeldLead(storefront.demo.url, (candidate) => candidate.key === held.key);
      expect(shown.attached?.uuid).toBe(uuid);
    });
  },
  { host: () => storefront?.host },
);
