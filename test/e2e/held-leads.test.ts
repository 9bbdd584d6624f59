import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HeldLead } from '../../src/relay/held-lead-store';
import { createFileHeldLeadStore } from '../../src/relay/file-held-lead-store';
import { buildOnce } from '../helpers/build-once';
import { launchChromium } from './support/launch-chromium';
import { ROOT, startDemo, type DemoServer } from './support/start-demo';
import { openChat, visit, waitForHeldLead, waitForLead, type Visit } from './support/storefront';

const run = promisify(execFile);

let demo: DemoServer;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'flowmatix-held-e2e-'));
  [demo, browser] = await Promise.all([
    // The file store `flowmatix-leads held` reads, in a directory of the test's own.
    startDemo({ heldLeadStore: createFileHeldLeadStore({ dir: dataDir }) }),
    launchChromium(),
    buildOnce(),
  ]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
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
const sendContactForm = async ({ page }: Visit, name: string, email: string): Promise<void> => {
  const form = page.locator('#contact-form');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Email', { exact: true }).fill(email);
  await form.getByLabel('Message', { exact: true }).fill('Do you bake rye on Sundays?');
  await Promise.all([page.waitForURL('**/demo/thanks.html?form=contact'), form.getByRole('button').click()]);
};

const uuidsOf = (email: string): string[] =>
  demo.sandbox
    .chats()
    .filter((chat) => chat.profile?.userDetails?.contact?.email === email)
    .map((chat) => chat.uuid);

describe('leads from visitors who never open the chat, in Chromium', () => {
  test('a visitor who submits and closes the tab without opening the chat is held within 2 s and listed by `held list`', async () => {
    const visitor = await visit(browser, demo.url);
    await sendContactForm(visitor, 'Grace Hopper', 'grace.never-chats@example.com');
    await visitor.context.close();
    const closedAt = Date.now();

    const { held, afterMs } = await keptWithin('grace.never-chats@example.com', closedAt);
    expect(afterMs).toBeLessThan(2_000);
    const listed = (await heldList()).find((candidate) => candidate.key === held.key);
    expect(listed).toMatchObject({ lead: { name: 'Grace Hopper', botId: expect.any(String) } });
    expect(listed?.attached).toBeUndefined();
    expect(listed?.lead).not.toHaveProperty('uuid');
    expect(uuidsOf('grace.never-chats@example.com')).toEqual([]);
    // The demo's inbox panel shows it in its own group.
    const shown = await waitForHeldLead(demo.url, (candidate) => candidate.key === held.key);
    expect(shown).toMatchObject({ name: 'Grace Hopper', email: 'grace.never-chats@example.com' });
    expect(shown.attached).toBeUndefined();
  });

  test('a visitor who opens the chat on the next page gets the held lead in that chat, with exactly one PUT', async () => {
    const visitor = await visit(browser, demo.url);
    const { page } = visitor;
    await sendContactForm(visitor, 'Katherine Johnson', 'katherine.later@example.com');
    // On the thank-you page, the companion hands the lead over unattached (the page is left, or the wait ends).
    await page.goto(`${demo.url}/`);
    const { held } = await keptWithin('katherine.later@example.com', Date.now());
    expect(held.attached).toBeUndefined();

    const uuid = await openChat(page);
    const lead = await waitForLead(demo.url, (candidate) => candidate.email === 'katherine.later@example.com');
    expect(lead.uuid).toBe(uuid);
    // Time for a duplicate to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(demo.acceptedPuts(uuid)).toBe(1);
    expect(uuidsOf('katherine.later@example.com')).toEqual([uuid]);

    const attached = (await heldList()).find((candidate) => candidate.key === held.key);
    expect(attached?.attached?.uuid).toBe(uuid);
    const shown = await waitForHeldLead(demo.url, (candidate) => candidate.key === held.key);
    expect(shown.attached?.uuid).toBe(uuid);
    await visitor.context.close();
  });
});
