import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_BOT } from '../../demo/flowmatix-demo';
import { INBOX_PATH, type InboxView } from '../../demo/inbox-view';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { describeEngines } from './support/each-engine';
import { ROOT } from './support/start-demo';
import { fill, textOf, visit, waitFor, waitForEvent, widgetUuid } from './support/storefront';
import { startTestHost, type TestHost } from './support/test-host';

interface RunningDemo {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

const running: RunningDemo[] = [];
let host: TestHost | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
  await Promise.all(running.splice(0).map((demo) => demo.stop()));
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
});

describeEngines('npm run demo with FLOWMATIX_TOKEN and FLOWMATIX_BOTS set', (suite) => {
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

    // The browser visits the demo through a test host, which records every answer and the pages' problems.
    const site = await startTestHost(demo.url);
    host = site;
    const tab = await visit(suite.browser, site.url);
    const uuid = await widgetUuid(tab);
    await fill(tab, '#pickup-form [name="your-name"]', 'Live Lena');
    await fill(tab, '#pickup-form [name="mobile"]', '+44 7700 900111');
    await tab.click('#pickup-form button');
    await waitForEvent(tab, 'flowmatix:sent', 'Pickup order');

    expect(upstream.sandbox.chats().map((chat) => chat.uuid)).toEqual([uuid]);
    await waitFor(tab, (id) => document.querySelector(`.leads li[data-uuid="${id}"]`) !== null, uuid, {
      what: 'the inbox panel to list the lead',
    });
    expect(await textOf(tab, '[data-console="title"]')).toBe('Flowmatix inbox (live API)');
    expect(await textOf(tab, '[data-console="mode"]')).toContain(upstream.url);
    expect(await inbox(demo.url)).toMatchObject({ mode: 'api', upstream: upstream.url, ...bot });

    // The API refusing the listing shows in the panel, and still without the token.
    upstream.sandbox.setFaults({ injectStatus: { status: 401 } });
    await tab.reload();
    await waitFor(
      tab,
      () => document.querySelector('[data-console="mode"]')?.textContent?.includes('Could not list leads'),
      undefined,
      {
        what: 'the panel to say it could not list leads',
      },
    );
    const refused = await inbox(demo.url);
    expect(refused).toMatchObject({ mode: 'api', leads: [], error: expect.stringContaining('401') });
    expect(JSON.stringify(refused)).not.toContain(token);
    upstream.sandbox.setFaults({});
    await suite.browser.closeVisitors();
    expect(await site.takeProblems()).toEqual([]);
    const leaks = site.responses.filter((response) =>
      `${JSON.stringify(response.headers)}${response.body}`.includes(token),
    );
    expect(site.responses.length).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
  });
});
