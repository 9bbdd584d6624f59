import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_CSP } from '../../demo/flowmatix-demo';
import { INBOX_PATH } from '../../demo/inbox-view';
import { createSandbox } from '../../src/sandbox';
import { launchChromium } from './support/launch-chromium';
import { startDemo, type DemoServer } from './support/start-demo';
import {
  closeVisits,
  visit,
  waitForEvent,
  waitForLead,
  widgetUuid,
  type OpenedVisit,
  type Visit,
} from './support/storefront';

// A token that cannot turn up by accident: any sighting of it is a leak.
const TOKEN = `tok_SECRET_${randomUUID().replaceAll('-', '')}`;

let demo: DemoServer;
let browser: Browser;
let visits: OpenedVisit[] = [];

beforeAll(async () => {
  // The relay holds a real-looking token; its upstream is a sandbox that accepts only that token.
  [demo, browser] = await Promise.all([startDemo({ sandbox: createSandbox({ token: TOKEN }) }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

const open = async (allowed: RegExp[] = []): Promise<Visit> => {
  const opened = await visit(browser, demo.url);
  visits.push({ visit: opened, allowed });
  return opened;
};

afterEach(async () => {
  demo.sandbox.setFaults({});
  const unexpected = await closeVisits(visits);
  visits = [];
  expect(unexpected, 'console errors, warnings or page errors').toEqual([]);
});

describe('secrets in a real browser', () => {
  test('the token is in no response body or header, no page, no storage and not in the companion bundle', async () => {
    const opened = await open([/Failed to load resource: .*(400|405|502)/]);
    const { page, watch } = opened;
    const uuid = await widgetUuid(page);

    const pickup = page.locator('#pickup-form');
    await pickup.getByLabel('Your name').fill('Token Tess');
    await pickup.getByLabel('Mobile').fill('+44 7700 900321');
    await pickup.getByRole('button').click();
    // The lead arriving proves the relay did use the token upstream.
    await waitForLead(demo.url, (candidate) => candidate.uuid === uuid);
    await waitForEvent(page, 'flowmatix:sent', 'Pickup order');

    // The unhappy paths answer too: a rejected lead, a wrong method, and the upstream refusing the token.
    const statuses = await page.evaluate(async (relay) => {
      const post = (body: string) =>
        fetch(relay, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then((r) => r.status);
      return [await post('{"uuid":"nope"}'), await fetch(relay).then((r) => r.status)];
    }, '/api/flowmatix/lead');
    expect(statuses).toEqual([400, 405]);
    demo.sandbox.setFaults({ injectStatus: { status: 401, times: 1 } });
    const upstreamRefusal = await page.evaluate(
      async ([relay, id]) => {
        const lead = { uuid: id, botId: '6650f0c2a1b2c3d4e5f60718', customerId: '6650f0c2a1b2c3d4e5f60001', name: 'X' };
        const response = await fetch(relay, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(lead),
        });
        return response.status;
      },
      ['/api/flowmatix/lead', randomUUID()] as const,
    );
    expect(upstreamRefusal).toBe(502);
    demo.sandbox.setFaults({});

    const contact = page.locator('#contact-form');
    await contact.getByLabel('Name', { exact: true }).fill('Token Tess');
    await contact.getByLabel('Email', { exact: true }).fill('tess.token@example.com');
    await contact.getByLabel('Message', { exact: true }).fill('Hello');
    await Promise.all([page.waitForURL('**/demo/thanks.html?form=contact'), contact.getByRole('button').click()]);
    await waitForLead(demo.url, (candidate) => candidate.email === 'tess.token@example.com');

    await watch.settle();
    expect(watch.responses.length).toBeGreaterThan(10);
    const leaks = watch.responses
      .filter((response) => `${JSON.stringify(response.headers)}\n${response.body}`.includes(TOKEN))
      .map((response) => response.url);
    expect(leaks).toEqual([]);
    expect(watch.requests.filter((request) => JSON.stringify(request).includes(TOKEN))).toEqual([]);
    expect(await page.content()).not.toContain(TOKEN);
    const storage = await page.evaluate(() =>
      JSON.stringify({ ...sessionStorage, ...localStorage, cookie: document.cookie }),
    );
    expect(storage).not.toContain(TOKEN);

    const served = await fetch(`${demo.url}/flowmatix-leads.js`);
    const bundle = await served.text();
    expect(bundle).toBe(readFileSync(demo.companionPath, 'utf8'));
    expect(bundle).not.toContain(TOKEN);
    expect(JSON.stringify([...served.headers])).not.toContain(TOKEN);
    expect(await (await fetch(`${demo.url}${INBOX_PATH}`)).text()).not.toContain(TOKEN);
  });
});

describe('a strict Content-Security-Policy', () => {
  test('every demo page is served under it, the policy is enforced, and the companion and widget work within it', async () => {
    const opened = await open([/(Refused to execute|Executing) inline script/]);
    const { page, watch } = opened;
    const uuid = await widgetUuid(page);

    const pickup = page.locator('#pickup-form');
    await pickup.getByLabel('Your name').fill('Strict Stella');
    await pickup.getByLabel('Mobile').fill('+44 7700 900654');
    await pickup.getByRole('button').click();
    await waitForLead(demo.url, (candidate) => candidate.uuid === uuid);
    await page.locator(`.leads li[data-uuid="${uuid}"]`).waitFor();
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);

    // The policy really is in force: an inline script is refused (so the rest ran without needing one).
    const inlineRan = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    expect(inlineRan).toBe(false);
    expect(await page.evaluate(() => window.__cspViolations)).toEqual(['script-src-elem blocked inline']);

    await page.goto(`${demo.url}/demo/thanks.html?form=contact`);
    await page.locator('.leads li').first().waitFor();
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);

    await watch.settle();
    const documents = watch.responses.filter((response) =>
      (response.headers['content-type'] ?? '').startsWith('text/html'),
    );
    expect(documents.length).toBeGreaterThanOrEqual(2);
    expect(documents.map((response) => response.headers['content-security-policy'])).toEqual(
      documents.map(() => DEMO_CSP),
    );
  });
});
