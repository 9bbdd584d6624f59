import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { DEMO_CSP } from '../../demo/flowmatix-demo';
import { INBOX_PATH } from '../../demo/inbox-view';
import { createSandbox } from '../../src/sandbox';
import { describeEngines } from './support/each-engine';
import { startStorefront, type Storefront } from './support/start-storefront';
import { fill, submitAndLand, visit, waitFor, waitForEvent, waitForLead, widgetUuid } from './support/storefront';

// A token that cannot turn up by accident: any sighting of it is a leak.
const TOKEN = `tok_SECRET_${randomUUID().replaceAll('-', '')}`;

let storefront: Storefront;

beforeAll(async () => {
  // The relay holds a real-looking token; its upstream is a sandbox that accepts only that token.
  storefront = await startStorefront({ sandbox: createSandbox({ token: TOKEN }) });
});

afterAll(async () => {
  await storefront?.close();
});

afterEach(() => {
  storefront.demo.sandbox.setFaults({});
});

describeEngines(
  'secrets and a strict Content-Security-Policy',
  (suite) => {
    test('the token is in no response body or header, no page, no storage and not in the companion bundle', async () => {
      const { demo, host } = storefront;
      const tab = await visit(suite.browser, host.url);
      const uuid = await widgetUuid(tab);

      await fill(tab, '#pickup-form [name="your-name"]', 'Token Tess');
      await fill(tab, '#pickup-form [name="mobile"]', '+44 7700 900321');
      await tab.click('#pickup-form button');
      // The lead arriving proves the relay did use the token upstream.
      await waitForLead(demo.url, (candidate) => candidate.uuid === uuid);
      await waitForEvent(tab, 'flowmatix:sent', 'Pickup order');

      // The unhappy paths answer too: a rejected lead, a wrong method, and the upstream refusing the token.
      const statuses = await tab.evaluate(async (relay) => {
        const rejected = await fetch(relay, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"uuid":"nope"}',
        });
        const wrongMethod = await fetch(relay);
        return [rejected.status, wrongMethod.status];
      }, '/api/flowmatix/lead');
      expect(statuses).toEqual([400, 405]);
      demo.sandbox.setFaults({ injectStatus: { status: 401, times: 1 } });
      const upstreamRefusal = await tab.evaluate(
        async ([relay, id]) => {
          const lead = {
            uuid: id,
            botId: '6650f0c2a1b2c3d4e5f60718',
            customerId: '6650f0c2a1b2c3d4e5f60001',
            name: 'X',
          };
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

      const email = `tess.token.${suite.engine}@example.com`;
      await fill(tab, '#contact-form [name="name"]', 'Token Tess');
      await fill(tab, '#contact-form [name="email"]', email);
      await fill(tab, '#contact-form [name="message"]', 'Hello');
      await submitAndLand(tab, '#contact-form button', '/demo/thanks.html?form=contact');
      await waitForLead(demo.url, (candidate) => candidate.email === email);

      // Everything the site answered the browser, headers and bodies, as sent.
      expect(host.responses.length).toBeGreaterThan(10);
      const leaks = host.responses
        .filter((response) => `${JSON.stringify(response.headers)}\n${response.body}`.includes(TOKEN))
        .map((response) => response.url);
      expect(leaks).toEqual([]);
      expect(host.requests.filter((request) => JSON.stringify(request).includes(TOKEN))).toEqual([]);
      expect(await tab.evaluate(() => document.documentElement.outerHTML)).not.toContain(TOKEN);
      const storage = await tab.evaluate(() =>
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

    test('every demo page is served under a strict CSP, the policy is enforced, and the companion and widget work within it', async () => {
      // The one violation this test provokes on purpose (engines name the directive script-src-elem or script-src).
      suite.allowProblems(/^csp: script-src(-elem)? blocked inline \(\/\)$/);
      const { demo, host } = storefront;
      const tab = await visit(suite.browser, host.url);
      const uuid = await widgetUuid(tab);

      await fill(tab, '#pickup-form [name="your-name"]', 'Strict Stella');
      await fill(tab, '#pickup-form [name="mobile"]', '+44 7700 900654');
      await tab.click('#pickup-form button');
      await waitForLead(demo.url, (candidate) => candidate.uuid === uuid);
      await waitFor(tab, (id) => document.querySelector(`.leads li[data-uuid="${id}"]`) !== null, uuid, {
        what: 'the inbox panel to list the lead',
      });
      expect(await tab.evaluate(() => window.__cspViolations)).toEqual([]);

      // The policy really is in force: an inline script is refused (so the rest ran without needing one).
      const inlineRan = await tab.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.head.append(script);
        await new Promise((resolve) => setTimeout(resolve, 100));
        return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
      });
      expect(inlineRan).toBe(false);
      await waitFor(tab, () => window.__cspViolations?.length, undefined, { what: 'the CSP violation report' });
      expect(await tab.evaluate(() => window.__cspViolations)).toEqual([
        expect.stringMatching(/^script-src(-elem)? blocked inline$/),
      ]);
      // Reported to the test host as well, as every problem a page has: the check after each test sees it.
      await expect.poll(() => host.problems.filter((problem) => problem.startsWith('csp: ')).length).toBe(1);

      await tab.goto(`${host.url}/demo/thanks.html?form=contact`);
      await waitFor(tab, () => document.querySelector('.leads li') !== null, undefined, { what: 'the inbox panel' });
      expect(await tab.evaluate(() => window.__cspViolations)).toEqual([]);

      const documents = host.responses.filter((response) =>
        String(response.headers['content-type'] ?? '').startsWith('text/html'),
      );
      expect(documents.length).toBeGreaterThanOrEqual(2);
      expect(documents.map((response) => response.headers['content-security-policy'])).toEqual(
        documents.map(() => DEMO_CSP),
      );
    });
  },
  { host: () => storefront?.host },
);
