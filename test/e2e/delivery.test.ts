import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from './support/launch-chromium';
import { startDemo, type DemoServer } from './support/start-demo';
import {
  closeVisits,
  readInbox,
  seenEvents,
  visit,
  waitForEvent,
  waitForLead,
  widgetUuid,
  WIDGET_SESSION_KEY,
  type OpenedVisit,
  type Visit,
} from './support/storefront';

const RELAY_PATH = '/api/flowmatix/lead';

let demo: DemoServer;
let browser: Browser;
let visits: OpenedVisit[] = [];

beforeAll(async () => {
  [demo, browser] = await Promise.all([startDemo(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

/** Opens the storefront; `allowed` lists console messages this scenario provokes on purpose (failed requests). */
const open = async (query?: string, allowed: RegExp[] = []): Promise<Visit> => {
  const opened = await visit(browser, demo.url, '/', query);
  visits.push({ visit: opened, allowed });
  return opened;
};

afterEach(async () => {
  demo.sandbox.setFaults({});
  const unexpected = await closeVisits(visits);
  visits = [];
  expect(unexpected, 'console errors, warnings or page errors').toEqual([]);
});

/** Fills and sends the AJAX pickup form (the page stays). */
const orderPickup = async ({ page }: Visit, name: string, mobile = '+44 7700 900789'): Promise<void> => {
  const form = page.locator('#pickup-form');
  await form.getByLabel('Your name').fill(name);
  await form.getByLabel('Mobile').fill(mobile);
  await form.getByRole('button').click();
};

/** Waits long enough for a duplicate delivery to show up, then counts the PUTs the sandbox accepted for `uuid`. */
const deliveriesOf = async (uuid: string): Promise<number> => {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return demo.acceptedPuts(uuid);
};

const failedLoad = (status: string): RegExp => new RegExp(`Failed to load resource: .*${status}.*${RELAY_PATH}`);

describe('delivery in a real browser', () => {
  test('a native form that navigates to a page without the companion still delivers its lead, once', async () => {
    const opened = await open();
    const { context, page } = opened;
    const uuid = await widgetUuid(page);
    // The page the form lands on has no companion: only what left while leaving (keepalive fetch or beacon) counts.
    await context.route('**/__demo/form/contact', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><p>Elsewhere.</p>' }),
    );
    // A slow upstream keeps the keepalive fetch unanswered when the page goes, so the companion also beacons the
    // lead: the relay has to turn the two copies into one PUT.
    demo.sandbox.setFaults({ latencyMs: 500 });
    const form = page.locator('#contact-form');
    await form.getByLabel('Name', { exact: true }).fill('Paul Hollywood');
    await form.getByLabel('Email', { exact: true }).fill('paul.leaves@example.com');
    await form.getByLabel('Message', { exact: true }).fill('Do you bake rye on Mondays?');
    await Promise.all([page.waitForURL('**/__demo/form/contact'), form.getByRole('button').click()]);
    expect(await page.title()).toBe('Elsewhere');

    const lead = await waitForLead(demo.url, (candidate) => candidate.email === 'paul.leaves@example.com');
    expect(lead.uuid).toBe(uuid);
    expect(await deliveriesOf(uuid)).toBe(1);
  });

  test('a tab closed right after the submit still delivers its lead, once', async () => {
    const opened = await open();
    const uuid = await widgetUuid(opened.page);
    await orderPickup(opened, 'Closed Tab');
    await opened.page.close({ runBeforeUnload: true });

    const lead = await waitForLead(demo.url, (candidate) => candidate.uuid === uuid);
    expect(lead.name).toBe('Closed Tab');
    expect(await deliveriesOf(uuid)).toBe(1);
  });

  test('a lead sent offline waits in the outbox and goes when the browser is back online', async () => {
    const opened = await open(undefined, [/ERR_INTERNET_DISCONNECTED/]);
    const { context, page } = opened;
    const uuid = await widgetUuid(page);
    await context.setOffline(true);
    await orderPickup(opened, 'Offline Olive');

    const queued = await waitForEvent(page, 'flowmatix:queued', 'Pickup order');
    expect(queued.detail?.reason).toMatch(/^(offline|retrying)$/);
    await expect.poll(() => page.locator('#pickup-form .form-status').textContent()).toContain('could not reach');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await readInbox(demo.url)).leads.some((lead) => lead.uuid === uuid)).toBe(false);

    await context.setOffline(false);
    const lead = await waitForLead(demo.url, (candidate) => candidate.uuid === uuid, 20_000);
    expect(lead.name).toBe('Offline Olive');
    await waitForEvent(page, 'flowmatix:sent', 'Pickup order');
    expect(await deliveriesOf(uuid)).toBe(1);
  });

  test('a relay answering 503 for a while gets the lead delivered afterwards, exactly once', async () => {
    const opened = await open(undefined, [failedLoad('503')]);
    const { context, page } = opened;
    const uuid = await widgetUuid(page);
    let refused = 0;
    await context.route(`**${RELAY_PATH}`, (route) => {
      if (refused >= 3) return route.continue();
      refused += 1;
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, requestId: `r-${refused}`, code: 'upstream_error', message: 'Unavailable' }),
      });
    });
    await orderPickup(opened, 'Patient Pat');

    const queued = await waitForEvent(page, 'flowmatix:queued', 'Pickup order');
    expect(queued.detail?.reason).toBe('retrying');
    const lead = await waitForLead(demo.url, (candidate) => candidate.uuid === uuid, 45_000);
    expect(lead.name).toBe('Patient Pat');
    expect(refused).toBe(3);
    expect(await deliveriesOf(uuid)).toBe(1);
  });

  test('an upstream failing with 503 for a while: the relay answers 502, the browser retries, the lead lands once', async () => {
    const opened = await open(undefined, [failedLoad('502')]);
    const { page } = opened;
    const uuid = await widgetUuid(page);
    // More failures than the relay retries upstream within one request, so the browser has to retry too.
    demo.sandbox.setFaults({ injectStatus: { status: 503, times: 5 } });
    await orderPickup(opened, 'Upstream Una');

    const queued = await waitForEvent(page, 'flowmatix:queued', 'Pickup order', 30_000);
    expect(queued.detail?.reason).toBe('retrying');
    const lead = await waitForLead(demo.url, (candidate) => candidate.uuid === uuid, 45_000);
    expect(lead.name).toBe('Upstream Una');
    expect(await deliveriesOf(uuid)).toBe(1);
  });

  test('a lead captured before the widget made its UUID survives a reload and goes once the UUID appears', async () => {
    const opened = await open();
    const { page } = opened;
    await orderPickup(opened, 'Early Eve');
    const queued = await waitForEvent(page, 'flowmatix:queued', 'Pickup order');
    expect(queued.detail?.reason).toBe('uuid-pending');

    await page.reload();
    const session = await page.evaluate((key) => sessionStorage.getItem(key), WIDGET_SESSION_KEY);
    expect(session ?? '').not.toContain('uuid');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await readInbox(demo.url)).leads.some((lead) => lead.name === 'Early Eve')).toBe(false);

    await page.locator('.fmx-launcher').click();
    const uuid = await widgetUuid(page);
    const lead = await waitForLead(demo.url, (candidate) => candidate.name === 'Early Eve', 30_000);
    expect(lead.uuid).toBe(uuid);
    expect(await deliveriesOf(uuid)).toBe(1);
  });

  test('a submit counts only when the form passed its constraints, checked by the browser or else by the companion', async () => {
    const { page } = await open();
    // A probe form beside the storefront's: it posts into a frame, so the page stays.
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        'beforeend',
        `<iframe name="probe-sink" hidden></iframe>
        <form data-flowmatix="Probe" action="/thanks.html" target="probe-sink">
          <input id="probe-email" name="email" type="email" required>
          <button id="probe-send">Send</button>
          <button id="probe-skip" formnovalidate>Send without checks</button>
        </form>`,
      );
    });
    const probeCaptures = async () => {
      // Past the task in which a submission is decided.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
      return (await seenEvents(page)).filter((event) => event.type === 'flowmatix:capture' && event.label === 'Probe');
    };

    // The browser skips its own check for a formnovalidate button: the companion checks.
    await page.locator('#probe-skip').click();
    // A submit event a script dispatches is checked by no one else either.
    await page.evaluate(() =>
      document
        .querySelector('form[data-flowmatix="Probe"]')!
        .dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true })),
    );
    // An invalid form the browser checks never fires submit at all.
    await page.locator('#probe-send').click();
    expect(await probeCaptures()).toEqual([]);

    // A bad address that is not empty: still invalid, by the browser's rules, for the companion too.
    await page.locator('#probe-email').fill('not an address');
    await page.locator('#probe-skip').click();
    expect(await probeCaptures()).toEqual([]);

    await page.locator('#probe-email').fill('probe@example.com');
    await page.locator('#probe-send').click();
    const emails = async () =>
      (await probeCaptures()).map((event) => (event.detail as { lead?: { email?: string } }).lead?.email);
    await expect.poll(emails).toEqual(['probe@example.com']);
  });
});
