import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createRelay } from '../../src/relay/create-relay';
import { toNodeListener } from '../../src/relay/node';
import { relayOptionsFromEnv } from '../../src/relay/relay-options-from-env';
import { createSandbox } from '../../src/sandbox';
import { launchChromium } from './support/launch-chromium';
import { buildCompanion, ROOT } from './support/start-demo';
import { freePort, startNginx, type NginxServer } from './support/start-nginx';

// The names docs/proxies.md uses, and what this test puts in their place.
const DOC_HOST = 'www.example.com';
const DOC_LISTEN = 'listen 8080;';
const DOC_RELAY = '127.0.0.1:8787';
const DOC_ROOT = '/var/www/shop';
/** A plain-HTTP site name that is not localhost: Chromium resolves it to 127.0.0.1, nothing else does. */
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

const PAGE = (uuid: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Shop</title>
<link rel="icon" href="data:,">
<script>sessionStorage.setItem('shop-visitor', '${uuid}');</script>
<script src="/flowmatix-leads.js" data-uuid-key="shop-visitor" data-bot-id="${BOT.botId}"
  data-customer-id="${BOT.customerId}" defer></script>
</head>
<body>
<form id="contact" data-flowmatix="Contact us">
  <label>Name <input name="name" autocomplete="name"></label>
  <label>Email <input type="email" name="email" autocomplete="email"></label>
  <button>Send</button>
</form>
<script>document.getElementById('contact').addEventListener('submit', (event) => event.preventDefault());</script>
</body>
</html>
`;

const uuid = randomUUID();
const sandbox = createSandbox({ unknownUuid: 'accept' });
let companion: Awaited<ReturnType<typeof buildCompanion>> | undefined;
let relayServer: Server | undefined;
let nginx: NginxServer | undefined;
let browser: Browser | undefined;
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
  relayServer = createServer(toNodeListener(relay));
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
    { 'site/index.html': PAGE(uuid) },
  );
  siteUrl = `http://${SITE_HOST}:${port}/`;
  browser = await launchChromium({ hosts: { [SITE_HOST]: '127.0.0.1' } });
});

afterAll(async () => {
  await browser?.close();
  await nginx?.stop();
  await new Promise<void>((resolve) => (relayServer ? relayServer.close(() => resolve()) : resolve()));
  companion?.remove();
});

test('the documented nginx config on a non-default port delivers a lead from a real browser, once', async () => {
  const context = await browser!.newContext();
  try {
    const page = await context.newPage();
    const answers: string[] = [];
    page.on('response', (response) => answers.push(`${response.status()} ${new URL(response.url()).pathname}`));
    // Deferred scripts have run once the page has loaded.
    await page.goto(siteUrl);
    const sent = page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const form = document.getElementById('contact')!;
          form.addEventListener('flowmatix:sent', () => resolve('sent'));
          form.addEventListener('flowmatix:failed', (event) => resolve(JSON.stringify((event as CustomEvent).detail)));
        }),
    );
    await page.getByLabel('Name').fill('Mary Berry');
    await page.getByLabel('Email').fill('mary@example.com');
    await page.getByRole('button').click();
    expect(await sent).toBe('sent');
    // Long enough for a duplicate delivery to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The page, then the companion from the relay through nginx, then the lead, all on the page's own origin.
    expect(answers).toEqual(['200 /', '200 /flowmatix-leads.js', '200 /api/flowmatix/lead']);
    expect(sandbox.puts()).toBe(1);
    expect(sandbox.chats()).toMatchObject([{ uuid, profile: { userDetails: { name: 'Mary Berry' } } }]);
  } finally {
    await context.close();
  }
});
