import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_BOT } from '../../demo/flowmatix-demo';
import { INBOX_PATH, type InboxView } from '../../demo/inbox-view';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { launchChromium } from './support/launch-chromium';
import { ROOT } from './support/start-demo';
import { waitForEvent, widgetUuid } from './support/storefront';
import { watchContext } from './support/watch-context';

interface RunningDemo {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

const running: RunningDemo[] = [];
let browser: Browser | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((demo) => demo.stop()));
});

afterAll(async () => {
  await browser?.close();
});

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** The environment of a developer's shell, minus any FLOWMATIX_* setting, plus `extra`. */
const environment = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FLOWMATIX_'))),
  NO_COLOR: '1',
  ...extra,
});

const stopProcessGroup = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    child.once('exit', () => resolve());
    // npm starts a shell that starts Vite: signal the whole group this test created, and only it.
    process.kill(-child.pid, 'SIGTERM');
  });

/** Runs `npm run demo -- --port <free> --strictPort` and waits for Vite's URL on the terminal. */
const runDemo = async (env: NodeJS.ProcessEnv): Promise<RunningDemo> => {
  const port = await freePort();
  const child = spawn('npm', ['run', 'demo', '--', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const demo: RunningDemo = { url: '', output: () => output, stop: () => stopProcessGroup(child) };
  running.push(demo);
  demo.url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run demo printed no URL in 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Local:\s+(http:\/\/\S+?)\/?\s/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run demo exited with ${String(code)}:\n${output}`));
    });
  });
  expect(demo.url).toContain(`:${port}`);
  return demo;
};

const inbox = async (url: string): Promise<InboxView> =>
  (await fetch(`${url}${INBOX_PATH}`)).json() as Promise<InboxView>;

describe('npm run demo', () => {
  test('with no token it builds the companion, serves the storefront on the port asked for, and says it uses the sandbox', async () => {
    const demo = await runDemo(environment());
    expect(demo.output()).toContain('sandbox mode');

    const page = await fetch(`${demo.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Hearth &amp; Crumb');
    const companion = await fetch(`${demo.url}/flowmatix-leads.js`);
    expect(companion.status).toBe(200);
    expect(companion.headers.get('content-type')).toContain('javascript');
    expect(await inbox(demo.url)).toMatchObject({ mode: 'sandbox', upstream: 'in-process sandbox', leads: [] });
  });

  describe('with FLOWMATIX_TOKEN and FLOWMATIX_BOTS set', () => {
    let upstream: RunningSandbox;
    const token = `tok_live_${randomUUID().replaceAll('-', '')}`;
    const bot = { botId: 'live-bot-7', customerId: 'live-customer-7' };

    beforeAll(async () => {
      // Stands in for the real API: reached over HTTP at FLOWMATIX_API_URL, accepting only this token.
      upstream = await startSandbox({ port: 0, token });
    });

    afterAll(async () => {
      await upstream?.close();
    });

    test('it relays to the API at FLOWMATIX_API_URL instead, and says so on the terminal and in the inbox panel', async () => {
      const demo = await runDemo(
        environment({
          FLOWMATIX_TOKEN: token,
          FLOWMATIX_BOTS: `${bot.botId}:${bot.customerId}`,
          FLOWMATIX_API_URL: upstream.url,
        }),
      );
      expect(demo.output()).toContain(`live mode: relaying leads to the Flowmatix API at ${upstream.url}`);
      expect(demo.output()).not.toContain(token);
      const html = await (await fetch(`${demo.url}/`)).text();
      expect(html).toContain(`${bot.botId},${bot.customerId}`);
      expect(html).not.toContain(DEMO_BOT.botId);

      const context = await browser!.newContext();
      const watch = await watchContext(context);
      const page = await context.newPage();
      await page.goto(`${demo.url}/`);
      const uuid = await widgetUuid(page);
      const form = page.locator('#pickup-form');
      await form.getByLabel('Your name').fill('Live Lena');
      await form.getByLabel('Mobile').fill('+44 7700 900111');
      await form.getByRole('button').click();
      await waitForEvent(page, 'flowmatix:sent', 'Pickup order');

      expect(upstream.sandbox.chats().map((chat) => chat.uuid)).toEqual([uuid]);
      await page.locator(`.leads li[data-uuid="${uuid}"]`).waitFor();
      expect(await page.locator('[data-console="title"]').textContent()).toBe('Flowmatix inbox (live API)');
      expect(await page.locator('[data-console="mode"]').textContent()).toContain(upstream.url);
      expect(await inbox(demo.url)).toMatchObject({ mode: 'api', upstream: upstream.url, ...bot });

      // The API refusing the listing shows in the panel, and still without the token.
      upstream.sandbox.setFaults({ injectStatus: { status: 401 } });
      await page.reload();
      await expect.poll(() => page.locator('[data-console="mode"]').textContent()).toContain('Could not list leads');
      const refused = await inbox(demo.url);
      expect(refused).toMatchObject({ mode: 'api', leads: [], error: expect.stringContaining('401') });
      expect(JSON.stringify(refused)).not.toContain(token);
      upstream.sandbox.setFaults({});
      await watch.settle();
      await context.close();
      expect(watch.problems).toEqual([]);
      const leaks = watch.responses.filter((response) =>
        `${JSON.stringify(response.headers)}${response.body}`.includes(token),
      );
      expect(leaks).toEqual([]);
    });
  });
});
