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

/** Where the recorder script is served, and where it reports what went wrong in the page. */
export const RECORDER_PATH = '/__e2e/recorder.js';
export const PROBLEM_PATH = '/__e2e/problem';

// Runs first in every page the test host serves: the same in every engine, where no driver can inject a script
// before the page's own in all three. What went wrong is reported at once, so a page that is left or closed right
// after still counts. Plain source text: a function's text would carry whatever helpers a TypeScript loader adds.
const RECORDER = `(() => {
  const report = (text) => {
    try {
      navigator.sendBeacon(PROBLEM_PATH, text + ' (' + location.pathname + ')');
    } catch (error) {
      // A page being torn down may refuse; the problem is then not known.
    }
  };
  const describe = (value) => {
    if (value instanceof Error) return value.name + ': ' + value.message;
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value);
    } catch (error) {
      return String(value);
    }
  };
  window.__seenEvents = [];
  window.__cspViolations = [];
  for (const type of ['flowmatix:capture', 'flowmatix:queued', 'flowmatix:sent', 'flowmatix:failed']) {
    document.addEventListener(type, (event) => {
      const target = event.target;
      let detail = null;
      try {
        detail = JSON.parse(JSON.stringify(event.detail ?? null));
      } catch (error) {
        detail = { unserializable: true };
      }
      const label = 'getAttribute' in target ? target.getAttribute('data-flowmatix') : null;
      window.__seenEvents.push({ type, label, detail });
    });
  }
  document.addEventListener('securitypolicyviolation', (event) => {
    const violation = event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline');
    window.__cspViolations.push(violation);
    report('csp: ' + violation);
  });
  for (const level of ['error', 'warn']) {
    const original = console[level];
    console[level] = (...args) => {
      report('console.' + level + ': ' + args.map(describe).join(' '));
      original.apply(console, args);
    };
  }
  window.addEventListener('error', (event) => report('page error: ' + event.message));
  window.addEventListener('unhandledrejection', (event) => report('unhandled rejection: ' + describe(event.reason)));
})();
`;

/** The recorder as a script file (the pages' CSP allows scripts from their own origin only). */
export const recorderScript = (): string => RECORDER.replace('PROBLEM_PATH', JSON.stringify(PROBLEM_PATH));
