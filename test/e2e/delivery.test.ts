import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Tab } from './support/browser-session';
import { describeEngines } from './support/each-engine';
import { startStorefront, type Storefront } from './support/start-storefront';
import {
  fill,
  readInbox,
  seenEvents,
  visit,
  waitFor,
  waitForEvent,
  waitForLead,
  waitForPage,
  widgetUuid,
  WIDGET_SESSION_KEY,
} from './support/storefront';

const RELAY_PATH = '/api/flowmatix/lead';

let storefront: Storefront;

beforeAll(async () => {
  storefront = await startStorefront();
});

afterAll(async () => {
  await storefront?.close();
});

afterEach(() => {
  storefront.demo.sandbox.setFaults({});
});

/** Fills and sends the AJAX pickup form (the page stays). */
const orderPickup = async (tab: Tab, name: string, mobile = '+44 7700 900789'): Promise<void> => {
  await fill(tab, '#pickup-form [name="your-name"]', name);
  await fill(tab, '#pickup-form [name="mobile"]', mobile);
  await tab.click('#pickup-form button');
};

/** Waits long enough for a duplicate delivery to show up, then counts the PUTs the sandbox accepted for `uuid`. */
const deliveriesOf = async (uuid: string): Promise<number> => {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  return storefront.demo.acceptedPuts(uuid);
};

const inboxHas = async (match: (lead: { uuid: string; name?: string }) => boolean): Promise<boolean> =>
  (await readInbox(storefront.demo.url)).leads.some(match);

describeEngines(
  'delivery in a real browser',
  (suite) => {
    const open = (): Promise<Tab> => visit(suite.browser, storefront.host.url);

    test('a native form that navigates to a page without the companion still delivers its lead, once', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      // The page the form lands on has no companion: only what left while leaving (keepalive fetch or beacon) counts.
      storefront.host.route('/__demo/form/contact', () => ({
        status: 200,
        headers: { 'Content-Type': 'text/html' },
        body: '<!doctype html><title>Elsewhere</title><p>Elsewhere.</p>',
      }));
      // A slow upstream keeps the keepalive fetch unanswered when the page goes, so the companion also beacons the
      // lead: the relay has to turn the two copies into one PUT.
      storefront.demo.sandbox.setFaults({ latencyMs: 500 });
      const email = `paul.leaves.${suite.engine}@example.com`;
      await fill(tab, '#contact-form [name="name"]', 'Paul Hollywood');
      await fill(tab, '#contact-form [name="email"]', email);
      await fill(tab, '#contact-form [name="message"]', 'Do you bake rye on Mondays?');
      await tab.click('#contact-form button');
      await waitForPage(tab, '/__demo/form/contact');
      expect(await tab.evaluate(() => document.title)).toBe('Elsewhere');

      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.email === email);
      expect(lead.uuid).toBe(uuid);
      expect(await deliveriesOf(uuid)).toBe(1);
    });

    test('a tab closed right after the submit still delivers its lead, once', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      await orderPickup(tab, 'Closed Tab');
      await tab.close();

      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.uuid === uuid);
      expect(lead.name).toBe('Closed Tab');
      expect(await deliveriesOf(uuid)).toBe(1);
    });

    test('a lead sent while the relay is unreachable waits in the outbox and goes once it is back, once', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      let down = true;
      storefront.host.route(RELAY_PATH, () => (down ? 'unreachable' : undefined));
      await orderPickup(tab, 'Offline Olive');

      const queued = await waitForEvent(tab, 'flowmatix:queued', 'Pickup order');
      expect(queued.detail?.reason).toBe('offline');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await inboxHas((lead) => lead.uuid === uuid)).toBe(false);

      down = false;
      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.uuid === uuid, 45_000);
      expect(lead.name).toBe('Offline Olive');
      await waitForEvent(tab, 'flowmatix:sent', 'Pickup order');
      expect(await deliveriesOf(uuid)).toBe(1);
    });

    test.skipIf(suite.engine === 'webkit')(
      'with the whole site offline, an AJAX form whose own request failed still gives its lead, sent once the site is back' +
        (suite.engine === 'webkit'
          ? ' — skipped in WebKit: it reports no Resource Timing entry for a failed request, so the companion never sees the form sent and makes no lead'
          : ''),
      async () => {
        const tab = await open();
        const uuid = await widgetUuid(tab);
        storefront.host.setOffline(true);
        await orderPickup(tab, 'Offline Otto');

        const queued = await waitForEvent(tab, 'flowmatix:queued', 'Pickup order');
        expect(queued.detail?.reason).toBe('offline');
        await waitFor(
          tab,
          () => document.querySelector('#pickup-form .form-status')?.textContent?.includes('could not reach'),
          undefined,
          {
            what: "the pickup form's own error",
          },
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await inboxHas((lead) => lead.uuid === uuid)).toBe(false);

        storefront.host.setOffline(false);
        const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.uuid === uuid, 45_000);
        expect(lead.name).toBe('Offline Otto');
        await waitForEvent(tab, 'flowmatix:sent', 'Pickup order');
        expect(await deliveriesOf(uuid)).toBe(1);
      },
    );

    test.skipIf(suite.engine === 'webkit')(
      'an AJAX form whose own request the site refuses (500) makes no lead' +
        (suite.engine === 'webkit'
          ? ' — skipped in WebKit: its Resource Timing entries have no responseStatus, so the companion takes the refused request for a sent form and makes a lead'
          : ''),
      async () => {
        const tab = await open();
        const uuid = await widgetUuid(tab);
        storefront.host.route('/__demo/orders', () => ({
          status: 500,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ok: false }),
        }));
        await orderPickup(tab, 'Refused Rita');

        const failed = await waitForEvent(tab, 'flowmatix:failed', 'Pickup order');
        expect(failed.detail).toBeTruthy();
        await new Promise((resolve) => setTimeout(resolve, 1500));
        expect((await seenEvents(tab)).map((event) => event.type)).not.toContain('flowmatix:capture');
        expect(await inboxHas((lead) => lead.uuid === uuid)).toBe(false);
        expect(
          storefront.host.requests
            .filter((request) => request.body.includes('Refused Rita'))
            .map((request) => request.url),
        ).toEqual(['/__demo/orders']);
      },
    );

    test('a relay answering 503 for a while gets the lead delivered afterwards, exactly once', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      let refused = 0;
      storefront.host.route(RELAY_PATH, () => {
        if (refused >= 3) return undefined;
        refused += 1;
        return {
          status: 503,
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            ok: false,
            requestId: `r-${refused}`,
            code: 'upstream_error',
            message: 'Unavailable',
          }),
        };
      });
      await orderPickup(tab, 'Patient Pat');

      const queued = await waitForEvent(tab, 'flowmatix:queued', 'Pickup order');
      expect(queued.detail?.reason).toBe('retrying');
      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.uuid === uuid, 45_000);
      expect(lead.name).toBe('Patient Pat');
      expect(refused).toBe(3);
      expect(await deliveriesOf(uuid)).toBe(1);
    });

    test('an upstream failing with 503 for a while: the relay answers 502, the browser retries, the lead lands once', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      // More failures than the relay retries upstream within one request, so the browser has to retry too.
      storefront.demo.sandbox.setFaults({ injectStatus: { status: 503, times: 5 } });
      await orderPickup(tab, 'Upstream Una');

      const queued = await waitForEvent(tab, 'flowmatix:queued', 'Pickup order', 30_000);
      expect(queued.detail?.reason).toBe('retrying');
      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.uuid === uuid, 45_000);
      expect(lead.name).toBe('Upstream Una');
      expect(await deliveriesOf(uuid)).toBe(1);
    });

    test('a lead captured before the widget made its UUID survives a reload and goes once the UUID appears', async () => {
      const tab = await open();
      const name = `Early Eve ${suite.engine}`;
      await orderPickup(tab, name);
      const queued = await waitForEvent(tab, 'flowmatix:queued', 'Pickup order');
      expect(queued.detail?.reason).toBe('uuid-pending');

      await tab.reload();
      const session = await tab.evaluate((key) => sessionStorage.getItem(key), WIDGET_SESSION_KEY);
      expect(session ?? '').not.toContain('uuid');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await inboxHas((lead) => lead.name === name)).toBe(false);

      const uuid = await widgetUuid(tab);
      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.name === name, 30_000);
      expect(lead.uuid).toBe(uuid);
      expect(await deliveriesOf(uuid)).toBe(1);
    });

    test('confirm mode: a lead goes when the page confirms it, and an unconfirmed one never does', async () => {
      const tab = await open();
      const uuid = await widgetUuid(tab);
      // An AJAX-style form whose success only the page knows: it posts into a frame, so the page stays.
      await tab.evaluate(() => {
        document.body.insertAdjacentHTML(
          'beforeend',
          `<iframe name="callback-sink" hidden></iframe>
          <form id="callback-form" data-flowmatix="Callback" data-flowmatix-confirm="callback:booked"
            action="/demo/thanks.html" target="callback-sink">
            <input name="name" autocomplete="name"><input name="email" type="email" autocomplete="email">
            <button>Call me back</button>
          </form>`,
        );
      });
      const send = async (name: string, email: string, captures: number) => {
        await fill(tab, '#callback-form [name="name"]', name);
        await fill(tab, '#callback-form [name="email"]', email);
        await tab.click('#callback-form button');
        await waitFor(
          tab,
          (count) =>
            window.__seenEvents?.filter((seen) => seen.type === 'flowmatix:capture' && seen.label === 'Callback')
              .length === count,
          captures,
          { what: 'the capture of the callback form' },
        );
      };

      const email = `cora.confirmed.${suite.engine}@example.com`;
      await send('Confirmed Cora', email, 1);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Captured, and waiting for the page: nothing was sent.
      const carrying = (text: string) => storefront.host.requests.filter((request) => request.body.includes(text));
      expect(carrying(email)).toEqual([]);
      await tab.evaluate(() => {
        document.querySelector('#callback-form')!.dispatchEvent(new CustomEvent('callback:booked', { bubbles: true }));
      });
      const lead = await waitForLead(storefront.demo.url, (candidate) => candidate.email === email);
      expect(lead).toMatchObject({ uuid, name: 'Confirmed Cora' });
      expect(await deliveriesOf(uuid)).toBe(1);

      // A page that never confirms: leaving it gives the lead up.
      await send('Unconfirmed Uma', `uma.unconfirmed.${suite.engine}@example.com`, 2);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await tab.reload();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(carrying('Unconfirmed Uma')).toEqual([]);
      expect(JSON.stringify((await readInbox(storefront.demo.url)).leads)).not.toContain('Unconfirmed Uma');
      expect(storefront.demo.acceptedPuts(uuid)).toBe(1);
    });

    test('a submit counts only when the form passed its constraints, checked by the browser or else by the companion', async () => {
      const tab = await open();
      // A probe form beside the storefront's: it posts into a frame, so the page stays.
      await tab.evaluate(() => {
        document.body.insertAdjacentHTML(
          'beforeend',
          `<iframe name="probe-sink" hidden></iframe>
          <form data-flowmatix="Probe" action="/demo/thanks.html" target="probe-sink">
            <input id="probe-email" name="email" type="email" required>
            <button id="probe-send">Send</button>
            <button id="probe-skip" formnovalidate>Send without checks</button>
          </form>`,
        );
      });
      const probeCaptures = async () => {
        // Past the task in which a submission is decided.
        await tab.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
        return (await seenEvents(tab)).filter((event) => event.type === 'flowmatix:capture' && event.label === 'Probe');
      };

      // The browser skips its own check for a formnovalidate button: the companion checks.
      await tab.click('#probe-skip');
      // A submit event a script dispatches is checked by no one else either.
      await tab.evaluate(() =>
        document
          .querySelector('form[data-flowmatix="Probe"]')!
          .dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true })),
      );
      // An invalid form the browser checks never fires submit at all.
      await tab.click('#probe-send');
      expect(await probeCaptures()).toEqual([]);

      // A bad address that is not empty: still invalid, by the browser's rules, for the companion too.
      await fill(tab, '#probe-email', 'not an address');
      await tab.click('#probe-skip');
      expect(await probeCaptures()).toEqual([]);

      await fill(tab, '#probe-email', 'probe@example.com');
      await tab.click('#probe-send');
      // Whatever shape the capture's detail has, the one capture carries the valid address.
      const captured = async () =>
        (await probeCaptures()).map((event) => JSON.stringify(event.detail).includes('probe@example.com'));
      await expect.poll(captured, { timeout: 10_000 }).toEqual([true]);
    });
  },
  { host: () => storefront?.host },
);
