import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { BrowserSession, LaunchOptions, PageFunction, Tab } from './browser-session';
import { startHostsProxy, type HostsProxy } from './hosts-proxy';
import { freePort } from './start-nginx';

const START_MS = 60_000;
const COMMAND_MS = 120_000;
// The key WebDriver uses to stand for an element in JSON.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
// The window a visitor opens: about the 1280 × 900 page the other engines show.
const WINDOW = { width: 1280, height: 960 };

/** Debian's WebKitWebDriver (package webkit2gtk-driver), unless `WEBKIT_WEBDRIVER_PATH` names another. */
export const webkitDriverPath = (): string => {
  const path = process.env.WEBKIT_WEBDRIVER_PATH || '/usr/bin/WebKitWebDriver';
  if (!existsSync(path)) {
    throw new Error(
      `No WebKitWebDriver at ${path}: install Debian's webkit2gtk-driver and xvfb ` +
        '(apt-get install -y webkit2gtk-driver xvfb) or set WEBKIT_WEBDRIVER_PATH',
    );
  }
  return path;
};

const xvfbPath = (): string => {
  const path = process.env.XVFB_PATH || '/usr/bin/Xvfb';
  if (!existsSync(path))
    throw new Error(`No Xvfb at ${path}: install Debian's xvfb (apt-get install -y xvfb) or set XVFB_PATH`);
  return path;
};

interface Child {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

// Whatever a test run started is ended with it, even when the run fails before closing the browser.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

const startChild = (command: string, args: string[], env: NodeJS.ProcessEnv, extraFd = false): Child => {
  const child = spawn(command, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe', ...(extraFd ? (['pipe'] as const) : [])],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    process: child,
    output: () => output,
    async stop() {
      if (!gone()) child.kill('SIGTERM');
      const timer = setTimeout(() => gone() || child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
};

/**
 * Starts Xvfb on the first free display (it picks one itself and writes its number to a pipe): the GTK port of
 * WebKit opens real windows, and a test machine has no screen.
 */
const startXvfb = async (): Promise<{ display: string; child: Child }> => {
  const child = startChild(
    xvfbPath(),
    ['-displayfd', '3', '-screen', '0', '1440x1024x24', '-nolisten', 'tcp'],
    process.env,
    true,
  );
  const pipe = child.process.stdio[3] as NodeJS.ReadableStream;
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`Xvfb named no display in ${START_MS} ms:\n${child.output()}`)),
      START_MS,
    );
    pipe.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    child.process.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${String(code)}):\n${child.output()}`));
    });
  });
  return { display, child };
};

class WebDriverError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(`${error}: ${message}`);
  }
}

/**
 * WebKit (WebKitGTK's MiniBrowser) through classic WebDriver, over HTTP: WebKitWebDriver speaks no WebDriver BiDi.
 * One session holds every visitor as a window of its own, beside a blank window that keeps the session alive; a
 * visitor's storage is cleared when its window closes. Commands go one at a time: each first switches to its window.
 */
export const launchWebDriver = async (options: LaunchOptions = {}): Promise<BrowserSession> => {
  const driverPath = webkitDriverPath();
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
  };
  try {
    const xvfb = await startXvfb();
    cleanups.push(() => xvfb.child.stop());
    const port = await freePort();
    const driver = startChild(driverPath, [`--port=${port}`, '--host=127.0.0.1'], {
      ...process.env,
      DISPLAY: xvfb.display,
    });
    cleanups.push(() => driver.stop());
    const base = `http://127.0.0.1:${port}`;

    const request = async (method: string, path: string, body?: unknown): Promise<unknown> => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(COMMAND_MS),
      });
      const { value } = (await response.json()) as { value: unknown };
      if (!response.ok) {
        const { error, message } = value as { error: string; message: string };
        throw new WebDriverError(error, `${message || '(no message)'} — ${method} ${path}`);
      }
      return value;
    };

    for (const started = Date.now(); ; ) {
      const ready = await request('GET', '/status').then(
        (value) => (value as { ready?: boolean }).ready === true,
        () => false,
      );
      if (ready) break;
      if (Date.now() - started > START_MS) throw new Error(`WebKitWebDriver did not start:\n${driver.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    let hostsProxy: HostsProxy | undefined;
    if (options.localHosts?.length) {
      hostsProxy = await startHostsProxy(options.localHosts);
      const proxy = hostsProxy;
      cleanups.push(() => proxy.close());
    }
    const created = (await request('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          pageLoadStrategy: 'normal',
          timeouts: { script: COMMAND_MS, pageLoad: COMMAND_MS, implicit: 0 },
          // WebKitGTK takes no host map: a proxy of the test's own sends the named hosts to loopback.
          ...(hostsProxy && { proxy: { proxyType: 'manual', httpProxy: hostsProxy.address } }),
        },
      },
    })) as { sessionId: string; capabilities: { browserName: string; browserVersion: string } };
    const session = `/session/${created.sessionId}`;
    cleanups.push(async () => void (await request('DELETE', session)));
    const home = (await request('GET', `${session}/window`)) as string;

    // One command at a time, each in its own window.
    let current = home;
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(handle: string, work: () => Promise<T>): Promise<T> => {
      const run = queue.then(async () => {
        if (current !== handle) {
          await request('POST', `${session}/window`, { handle });
          current = handle;
        }
        return work();
      });
      queue = run.catch(() => undefined);
      return run;
    };
    // Scrolled to the middle of the window at once (pages may scroll smoothly): WebKitWebDriver calls an element
    // below the fold not interactable.
    const find = async (selector: string): Promise<string> => {
      const found = (await request('POST', `${session}/element`, { using: 'css selector', value: selector })) as Record<
        string,
        string
      >;
      const element = found[ELEMENT]!;
      await request('POST', `${session}/execute/sync`, {
        script: "arguments[0].scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' }); return null;",
        args: [{ [ELEMENT]: element }],
      });
      return element;
    };
    const closeWindow = async (): Promise<void> => {
      await request('DELETE', `${session}/window`);
      current = '';
      await request('POST', `${session}/window`, { handle: home });
      current = home;
    };
    // Windows, not tabs: WebKit paints no tab in the background, so a screenshot of one would wait forever.
    const open = async (): Promise<string> => {
      const { handle } = (await serial(home, () => request('POST', `${session}/window/new`, { type: 'window' }))) as {
        handle: string;
      };
      await serial(handle, () => request('POST', `${session}/window/rect`, { x: 0, y: 0, ...WINDOW }));
      return handle;
    };

    // Storage outlives the window (one profile for the session): a visitor's last window empties its origin's.
    const forgetStorage = async (): Promise<void> => {
      await request('POST', `${session}/execute/sync`, {
        script: 'try { localStorage.clear(); } catch (error) {} return null;',
        args: [],
      }).catch(() => undefined);
      await request('DELETE', `${session}/cookie`).catch(() => undefined);
    };
    const visitors: { handles: Set<string> }[] = [];
    const tab = (handle: string, visitor: { handles: Set<string> }): Tab => {
      visitor.handles.add(handle);
      const self: Tab = {
        goto: (url) => serial(handle, async () => void (await request('POST', `${session}/url`, { url }))),
        reload: () => serial(handle, async () => void (await request('POST', `${session}/refresh`, {}))),
        url: () => serial(handle, async () => (await request('GET', `${session}/url`)) as string),
        evaluate: <R, A>(fn: PageFunction<A, R>, arg?: A) =>
          serial(handle, async () => {
            const script = `const done = arguments[arguments.length - 1];
Promise.resolve().then(() => (${fn.toString()})(arguments[0])).then(
  (value) => done(value === undefined ? { undefined: true } : { value }),
  (error) => done({ error: String((error && error.stack) || error) }));`;
            const answer = (await request('POST', `${session}/execute/async`, { script, args: [arg ?? null] })) as {
              value?: R;
              undefined?: true;
              error?: string;
            };
            if (answer.error !== undefined) throw new Error(`Evaluation failed in the page: ${answer.error}`);
            return answer.value as R;
          }),
        click: (selector) =>
          serial(
            handle,
            async () => void (await request('POST', `${session}/element/${await find(selector)}/click`, {})),
          ),
        type: (selector, text) =>
          serial(handle, async () => {
            const element = await find(selector);
            await request('POST', `${session}/element/${element}/clear`, {});
            await request('POST', `${session}/element/${element}/value`, { text });
          }),
        setViewport: (width, height) =>
          serial(handle, async () => {
            // The window's outer size: its decorations take the difference from the page's.
            const inner = (await request('POST', `${session}/execute/sync`, {
              script: 'return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]',
              args: [],
            })) as [number, number];
            await request('POST', `${session}/window/rect`, { width: width + inner[0], height: height + inner[1] });
          }),
        screenshot: (path) =>
          serial(handle, async () => {
            const data = (await request('GET', `${session}/screenshot`)) as string;
            writeFileSync(path, Buffer.from(data, 'base64'));
          }),
        async openTab(url) {
          const next = tab(await open(), visitor);
          await next.goto(url);
          return next;
        },
        close: () =>
          serial(handle, async () => {
            if (!visitor.handles.delete(handle)) return;
            if (visitor.handles.size === 0) await forgetStorage();
            await closeWindow();
          }),
      };
      return self;
    };

    await serial(home, async () => {
      await request('POST', `${session}/url`, { url: 'about:blank' });
    });
    const closeVisitors = async (): Promise<void> => {
      for (const visitor of visitors.splice(0)) {
        for (const handle of [...visitor.handles]) {
          await serial(handle, async () => {
            visitor.handles.delete(handle);
            if (visitor.handles.size === 0) await forgetStorage();
            await closeWindow();
          }).catch(() => undefined);
        }
      }
    };
    return {
      engine: 'webkit',
      version: `webkitgtk/${created.capabilities.browserVersion}`,
      async openVisitor(url) {
        const visitor = { handles: new Set<string>() };
        visitors.push(visitor);
        const first = tab(await open(), visitor);
        await first.goto(url);
        return first;
      },
      closeVisitors,
      async close() {
        await closeVisitors().catch(() => undefined);
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
};
