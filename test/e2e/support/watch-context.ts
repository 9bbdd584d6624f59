import type { BrowserContext, ConsoleMessage } from 'playwright-core';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  navigation: boolean;
}

export interface RecordedResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A lifecycle event as a page saw it bubble to the document. */
export interface SeenEvent {
  type: string;
  /** The `data-flowmatix` label of the form it was dispatched on; null for the document (API captures). */
  label: string | null;
  detail: Record<string, unknown> | null;
}

declare global {
  interface Window {
    __seenEvents?: SeenEvent[];
    __cspViolations?: string[];
  }
}

// Runs in every document of the context before any page script (Playwright injects it past the page's CSP).
const recorder = (): void => {
  window.__seenEvents = [];
  window.__cspViolations = [];
  for (const type of ['flowmatix:capture', 'flowmatix:queued', 'flowmatix:sent', 'flowmatix:failed']) {
    document.addEventListener(type, (event) => {
      const target = event.target as Element | Document;
      let detail: Record<string, unknown> | null = null;
      try {
        detail = JSON.parse(JSON.stringify((event as CustomEvent).detail ?? null)) as Record<string, unknown> | null;
      } catch {
        detail = { unserializable: true };
      }
      const label = 'getAttribute' in target ? target.getAttribute('data-flowmatix') : null;
      window.__seenEvents?.push({ type, label, detail });
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations?.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
  });
};

export interface ContextWatch {
  /** Every request any page of the context made, with its body (beacons and keepalive fetches included). */
  requests: RecordedRequest[];
  /** Every response with its headers and, when the browser kept it, its body. */
  responses: RecordedResponse[];
  /** Console errors and warnings, and uncaught page errors, as text. */
  problems: string[];
  /** Waits until every response body seen so far has been read. */
  settle(): Promise<void>;
}

const describeConsole = (message: ConsoleMessage): string => {
  const { url } = message.location();
  return `console.${message.type()}: ${message.text()}${url ? ` (${url})` : ''}`;
};

/**
 * Records what a browser context sends and receives, and every console error or page error, so that tests can
 * assert on all of it: the password in no request, the token in no response, no error on the console.
 */
export const watchContext = async (context: BrowserContext): Promise<ContextWatch> => {
  await context.addInitScript(recorder);
  const requests: RecordedRequest[] = [];
  const responses: RecordedResponse[] = [];
  const problems: string[] = [];
  const reading: Promise<void>[] = [];

  context.on('request', (request) => {
    requests.push({
      method: request.method(),
      url: request.url(),
      headers: request.headers(),
      body: request.postDataBuffer()?.toString('utf8') ?? '',
      navigation: request.isNavigationRequest(),
    });
  });
  context.on('response', (response) => {
    const recorded: RecordedResponse = { url: response.url(), status: response.status(), headers: {}, body: '' };
    responses.push(recorded);
    reading.push(
      (async () => {
        recorded.headers = await response.allHeaders();
        // Redirects and responses of pages already gone have no body to read.
        recorded.body = await response.text().catch(() => '');
      })().catch(() => undefined),
    );
  });
  context.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(describeConsole(message));
  });
  context.on('weberror', (error) => problems.push(`page error: ${error.error().message}`));

  return {
    requests,
    responses,
    problems,
    async settle() {
      await Promise.all(reading);
    },
  };
};
