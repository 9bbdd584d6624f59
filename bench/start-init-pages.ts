import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixturePage } from './fixture-page';
import { ANALYTICS_PATH, type InitSubject } from './init-subjects';
import type { BenchSite } from './start-bench-site';

/** The init page with nothing between the marks: what the marks themselves cost. */
export const NO_SCRIPT = 'none';

export interface InitPages {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /**
   * A contact page (as `fixturePage` makes it, its form posting into an iframe) with the subject named `script`
   * (or `NO_SCRIPT`) inline between the marks and started; `run` makes each load's source text its own.
   */
  pageUrl(options: { script: string; uuid: string; run: number }): string;
  close(): Promise<void>;
}

// As the bench site's pages: cross-origin isolated for 5 µs timers, never cached.
const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cache-Control': 'no-store',
};

const forward = (target: string, request: IncomingMessage, response: ServerResponse): void => {
  const upstream = httpRequest(
    new URL(request.url ?? '/', target),
    { method: request.method, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  request.pipe(upstream);
};

/**
 * Serves the pages of the init figures, every script the same way: our companion and each peer inline between
 * the same marks in the same contact page, and the same page with nothing between them. The stand-in analytics
 * endpoint answers 202; everything else (the relay, the landing page, the widget's script) is passed to the bench
 * site, so that the companion's leads are delivered as on the bench site's own pages.
 *
 * @example
 * const pages = await startInitPages(site, initSubjects(weighed));
 * await page.goto(pages.pageUrl({ script: '@formspree/ajax', uuid, run: 7 }));
 */
export const startInitPages = async (site: BenchSite, subjects: readonly InitSubject[]): Promise<InitPages> => {
  const sources = new Map(subjects.map((subject) => [subject.name, `${subject.source}\n;${subject.start}`]));
  sources.set(NO_SCRIPT, '');
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    if (url.pathname === ANALYTICS_PATH) {
      request.resume();
      response.writeHead(202, HEADERS).end();
      return;
    }
    if (url.pathname !== '/page') return forward(site.url, request, response);
    const source = sources.get(url.searchParams.get('script') ?? '');
    if (source === undefined) return void response.writeHead(400, HEADERS).end('no such script');
    const uuid = url.searchParams.get('uuid') ?? '';
    // A different source text on each load: V8 would otherwise answer a repeated inline script from its
    // compilation cache, which a first-time visitor never has.
    const script = { kind: 'marked', source: `${source}\n// run ${url.searchParams.get('run') ?? ''}` } as const;
    response.writeHead(200, { ...HEADERS, 'Content-Type': 'text/html' });
    response.end(fixturePage({ uuid, script, submit: 'frame' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl: ({ script, uuid, run }) => `${url}/page?${new URLSearchParams({ script, uuid, run: String(run) })}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
