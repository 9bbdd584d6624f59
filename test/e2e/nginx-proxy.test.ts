import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRelay } from '../../src/relay/core/create-relay';
import { toNodeListener } from '../../src/relay/adapters/node';
import { relayOptionsFromEnv } from '../../src/relay/core/relay-options-from-env';
import { createSandbox } from '../../src/sandbox';
import { describeEngines } from './support/each-engine';
import { buildCompanion, ROOT } from './support/start-demo';
import { waitFor } from './support/storefront';
import { freePort, startNginx, type NginxServer } from './support/start-nginx';

// The names docs/proxies.md uses, and what this test puts in their place.
const DOC_HOST = 'www.example.com';
const DOC_LISTEN = 'listen 8080;';
const DOC_RELAY = '127.0.0.1:8787';
const DOC_ROOT = '/var/www/shop';
/** A plain-HTTP site name that is not localhost: the test's browser resolves it to 127.0.0.1, nothing else does. */
const SITE_HOST = 'shop.test';
const BOT = { botId: '6650f0c2a1b2c3d4e5f60718', customerId: '6650f0c2a1b2c3d4e5f60001' };

/** The fenced blocks of a Markdown file in the given language, in order. */
const fencedBlocks = (markdown: string, language: string): string[] =>
  [...markdown.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((match) => match[1] ?? '');

const docs = readFileSync(join(ROOT, 'docs/proxies.md'), 'utf8');
const [nginxBlock] = fencedBlocks(docs, 'nginx');
const [relayCommandBlock] = fencedBlocks(docs, 'sh');

/** The relay's environment as the documented command sets it, for this test's host name. */
const documentedEnv = (): Record<string, string> => {
  const env: Record<string, string> = {};
  const assignments = (relayCommandBlock ?? '').matchAll(/\b(FLOWMATIX_(?:TRUST_PROXY|ALLOWED_HOSTS))=(\S+)/g);
  for (const [, name = '', value = ''] of assignments) env[name] = value.replaceAll(DOC_HOST, SITE_HOST);
  return env;
};

// The page takes its visitor UUID from its address: one per engine.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Shop</title>
<link rel="icon" href="data:,">
<script>sessionStorage.setItem('shop-visitor', new URLSearchParams(location.search).get('visitor'));</script>
<script src="/flowmatix-leads.js" data-uuid-key="shop-visitor" data-bot-id="${BOT.botId}"
  data-customer-id="${BOT.customerId}" defer></script>
</head>
<body>
<form id="contact" data-flowmatix="Contact us">
  <label>Name <input name="name" autocomplete="name"></label>
  <label>Email <input type="email" name="email" autocomplete="email"></label>
  <button>Send</button>
</form>
<script>
// An AJAX form: the page sends the submission to its own site itself (here, a request the static site answers).
document.getElementById('contact').addEventListener('submit', (event) => {
  event.preventDefault();
  fetch('/?sent=1');
});
</script>
</body>
</html>
`;

const sandbox = createSandbox({ unknownUuid: 'accept' });
/** What the relay behind nginx answered: status and path, in order. */
const relayAnswers: string[] = [];
let companion: Awaited<ReturnType<typeof buildCompanion>> | undefined;
let relayServer: Server | undefined;
let nginx: NginxServer | undefined;
let siteUrl = '';

beforeAll(async () => {
  expect(nginxBlock, 'an nginx block in docs/proxies.md').toBeDefined();
  companion = await buildCompanion();
  const script = readFileSync(companion.path, 'utf8');
  const env = documentedEnv();
  expect(env).toEqual({ FLOWMATIX_TRUST_PROXY: '1', FLOWMATIX_ALLOWED_HOSTS: SITE_HOST });
  const relay = createRelay({
    ...relayOptionsFromEnv({ ...env, FLOWMATIX_BOTS: `${BOT.botId}:${BOT.customerId}` }),
    token: sandbox.token,
    fetch: sandbox.fetch,
    companionScript: () => script,
    logger: false,
  });
  const listener = toNodeListener(relay);
  relayServer = createServer((request, response) => {
    response.once('finish', () =>
      relayAnswers.push(`${response.statusCode} ${new URL(request.url ?? '/', 'http://relay').pathname}`),
    );
    return listener(request, response);
  });
  await new Promise<void>((resolve) => relayServer?.listen(0, '127.0.0.1', resolve));
  const relayPort = (relayServer.address() as AddressInfo).port;
  const port = await freePort();
  nginx = await startNginx(
    (directory) =>
      (nginxBlock ?? '')
        .replace(DOC_LISTEN, `listen 127.0.0.1:${port};`)
        .replaceAll(DOC_HOST, SITE_HOST)
        .replaceAll(DOC_RELAY, `127.0.0.1:${relayPort}`)
        .replaceAll(DOC_ROOT, join(directory, 'site')),
    port,
    { 'site/index.html': PAGE },
  );
  siteUrl = `http://${SITE_HOST}:${port}/`;
});

afterAll(async () => {
  await nginx?.stop();
  await new Promise<void>((resolve) => (relayServer ? relayServer.close(() => resolve()) : resolve()));
  companion?.remove();
});

describeEngines(
  'nginx in front of the relay, as docs/proxies.md configures it',
  (suite) => {
    test('the documented nginx config on a non-default port delivers a lead from a real browser, once', async () => {
      const uuid = randomUUID();
      relayAnswers.length = 0;
      const tab = await suite.browser.openVisitor(`${siteUrl}?visitor=${uuid}`);
      // Deferred scripts have run once the page has loaded.
      expect(await tab.evaluate(() => document.title)).toBe('Shop');
      await tab.evaluate(() => {
        const form = document.getElementById('contact')!;
        const outcome = (value: string) => document.documentElement.setAttribute('data-outcome', value);
        form.addEventListener('flowmatix:sent', () => outcome('sent'));
        form.addEventListener('flowmatix:failed', (event) => outcome(JSON.stringify((event as CustomEvent).detail)));
      });
      await tab.type('input[name="name"]', 'Mary Berry');
      await tab.type('input[name="email"]', 'mary@example.com');
      await tab.click('button');
      const outcome = await waitFor(tab, () => document.documentElement.getAttribute('data-outcome'), undefined, {
        what: 'flowmatix:sent or flowmatix:failed',
      });
      expect(outcome).toBe('sent');
      // Long enough for a duplicate delivery to show up.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The companion from the relay through nginx, then the lead, all on the page's own origin.
      expect(relayAnswers).toEqual(['200 /flowmatix-leads.js', '200 /api/flowmatix/lead']);
      const origins = await tab.evaluate(() =>
        [...new Set(performance.getEntriesByType('resource').map((entry) => new URL(entry.name).origin))].concat(
          location.origin,
        ),
      );
      expect(new Set(origins)).toEqual(new Set([`http://${SITE_HOST}:${new URL(siteUrl).port}`]));
      expect(sandbox.chats().filter((chat) => chat.uuid === uuid)).toMatchObject([
        { uuid, profile: { userDetails: { name: 'Mary Berry' } } },
      ]);
    });
  },
  { localHosts: [SITE_HOST] },
);
