/** The widget's sessionStorage key on bench pages (the companion is never told it: it discovers the UUID). */
export const WIDGET_SESSION_KEY = 'bp-web-session';
export const BENCH_BOT = { botId: 'bench-bot', customerId: 'bench-customer' } as const;
/** Where the native forms of the bench pages land: a page without the companion. */
export const LANDING_PATH = '/landed';
export const RELAY_PATH = '/api/flowmatix/lead';

/** How the page sends its lead. */
export type FixtureScript =
  /** `<script src="/flowmatix-leads.js" defer>`, as the README tells a site owner. */
  | { kind: 'companion' }
  /**
   * A script inline between two performance marks: its evaluation (parse, compile, run) is measured as `init`,
   * and its run alone as `run`, from a mark at its first statement.
   */
  | { kind: 'marked'; source: string }
  /** The companion, `marked`. */
  | { kind: 'companion-inline'; source: string }
  /** A page script that posts the lead with a plain `fetch` (no keepalive) in its submit handler. */
  | { kind: 'naive-fetch' }
  /**
   * Nothing sends the lead (the baseline of the main-thread figures): the marks of `marked` around an empty
   * script, so that what the marks themselves cost is measured too.
   */
  | { kind: 'none' };

export interface FixtureOptions {
  /** The visitor UUID the stand-in widget keeps in sessionStorage. */
  uuid: string;
  script: FixtureScript;
  /**
   * `landing`: a native submit that navigates the page to LANDING_PATH; `frame`: a native submit into a named
   * iframe (the page stays, the companion takes its synchronous native-submit path); `ajax`: the page prevents
   * the default and posts the form with `fetch` itself, reading the answer, as AJAX forms do (the companion sends the
   * lead once Resource Timing shows that request).
   */
  submit: 'landing' | 'frame' | 'ajax';
}

const escapeScript = (source: string): string => source.replace(/<\/script/gi, '<\\/script');

/** Names of the marks and measures of a `marked` script, as read back from `performance`. */
export const INIT_MARKS = { initStart: 'init-start', init: 'init', runStart: 'run-start', run: 'run' } as const;

const marked = (source: string): string =>
  [
    `<script>performance.mark('${INIT_MARKS.initStart}')</script>`,
    `<script>performance.mark('${INIT_MARKS.runStart}');${source}</script>`,
    `<script>performance.measure('${INIT_MARKS.init}', '${INIT_MARKS.initStart}');performance.measure('${INIT_MARKS.run}', '${INIT_MARKS.runStart}')</script>`,
  ].join('\n');

const scriptTag = (script: FixtureScript): string => {
  switch (script.kind) {
    case 'companion':
      return '<script src="/flowmatix-leads.js" defer></script>';
    case 'marked':
    case 'companion-inline':
      return marked(escapeScript(script.source));
    case 'naive-fetch':
      // What many sites do: read the form, fetch, let the browser navigate. No keepalive, no retry, no outbox.
      return `<script>
document.addEventListener('submit', function (event) {
  var data = new FormData(event.target);
  var session = JSON.parse(sessionStorage.getItem(${JSON.stringify(WIDGET_SESSION_KEY)}));
  fetch(${JSON.stringify(RELAY_PATH)}, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      uuid: session.user.uuid, botId: ${JSON.stringify(BENCH_BOT.botId)}, customerId: ${JSON.stringify(BENCH_BOT.customerId)},
      name: data.get('name'), email: data.get('email'), phone: data.get('phone'),
      notes: [{ title: 'Message', description: data.get('message') }]
    })
  });
});
</script>`;
    case 'none':
      return marked('');
  }
};

/**
 * A small contact page as a site owner has it: the widget tag with BotId,CustomerId, the visitor UUID in
 * sessionStorage under the widget's own key, one `data-flowmatix` form with name, email, phone and message filled
 * in, and a `longtask` observer registered before any other script. sessionStorage is cleared first, so every
 * load starts as a first visit (no outbox left by the previous run).
 *
 * @example
 * fixturePage({ uuid, script: { kind: 'companion' }, submit: 'landing' });
 */
export const fixturePage = ({ uuid, script, submit }: FixtureOptions): string => {
  const session = JSON.stringify({ user: { uuid } });
  const formTarget =
    submit === 'landing'
      ? `action="${LANDING_PATH}" method="post"`
      : submit === 'frame'
        ? `action="${LANDING_PATH}" method="post" target="sink"`
        : `action="${LANDING_PATH}" method="post" onsubmit="event.preventDefault(); fetch(this.action, { method: 'POST', body: new FormData(this) }).then((answer) => answer.text())"`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bench contact page</title>
<script>
sessionStorage.clear();
sessionStorage.setItem(${JSON.stringify(WIDGET_SESSION_KEY)}, ${JSON.stringify(session)});
window.__longTasks = [];
try {
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (entry) { window.__longTasks.push({ startTime: entry.startTime, duration: entry.duration }); });
  }).observe({ type: 'longtask', buffered: true });
} catch (error) { window.__longTasks = null; }
</script>
<script id="flowmatix-messenger-widget" src="/flowmatix.js" defer>${BENCH_BOT.botId},${BENCH_BOT.customerId}</script>
</head>
<body>
<h1>Contact us</h1>
<form data-flowmatix="Contact" ${formTarget}>
  <label>Name <input name="name" autocomplete="name" value="Ada Lovelace" required></label>
  <label>Email <input name="email" type="email" autocomplete="email" value="ada@example.com" required></label>
  <label>Phone <input name="phone" type="tel" autocomplete="tel" value="+44 20 7946 0958"></label>
  <label>Message <textarea name="message">Do you deliver on Saturdays?</textarea></label>
  <button type="submit">Send</button>
</form>
${submit === 'frame' ? '<iframe name="sink" title="sink" hidden></iframe>' : ''}
${scriptTag(script)}
</body>
</html>
`;
};
