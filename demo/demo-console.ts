// The demo console beside the storefront: the Flowmatix inbox as the site owner would see it, the leads the relay
// holds because their visitor never opened the chat, the visitor UUID the widget made, and the companion's lifecycle
// events. It is demo furniture, not something a site would run.
import { INBOX_PATH, type HeldInboxLead, type InboxLead, type InboxView } from './inbox-view';

const WIDGET_SESSION_KEY = 'bp-web-session';
// The sandbox is in-process and cheap to ask; the real API is asked rarely, and right after each lead is sent.
const POLL_MS = { sandbox: 2000, api: 15_000 } as const;
const MAX_EVENTS = 40;
const LIFECYCLE = ['flowmatix:capture', 'flowmatix:queued', 'flowmatix:sent', 'flowmatix:failed'] as const;

const part = (name: string): HTMLElement | null => document.querySelector<HTMLElement>(`[data-console="${name}"]`);

const element = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

const clock = (iso: string | undefined): string => {
  const date = iso ? new Date(iso) : new Date();
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour12: false });
};

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const expanded = new Set<string>();

const renderLead = (lead: InboxLead, fresh: boolean): HTMLLIElement => {
  const item = element('li', fresh ? 'lead fresh' : 'lead');
  item.dataset.uuid = lead.uuid;
  const head = element('div', 'lead-head');
  head.append(
    element('span', 'lead-name', lead.name ?? lead.email ?? 'Anonymous visitor'),
    element('time', 'lead-time', clock(lead.updatedAt)),
  );
  item.append(head);
  const contact = [lead.email, lead.phone].filter(Boolean).join(' · ');
  if (contact) item.append(element('p', 'lead-contact', contact));
  if (lead.tags.length > 0) {
    const chips = element('ul', 'chips');
    chips.append(...lead.tags.map((tag) => element('li', undefined, tag)));
    item.append(chips);
  }
  if (lead.notes.length + lead.attributes.length > 0) {
    const details = element('details');
    // The panel re-renders on every poll: a lead the reader opened stays open.
    details.open = expanded.has(lead.uuid);
    details.addEventListener('toggle', () => (details.open ? expanded.add(lead.uuid) : expanded.delete(lead.uuid)));
    const summary = `${count(lead.notes.length, 'note')} · ${count(lead.attributes.length, 'attribute')}`;
    details.append(element('summary', undefined, summary));
    const list = element('dl');
    for (const { key, value } of lead.attributes) {
      list.append(element('dt', undefined, key), element('dd', undefined, value));
    }
    for (const { title, description } of lead.notes) {
      list.append(element('dt', undefined, title), element('dd', undefined, description));
    }
    details.append(list);
    item.append(details);
  }
  return item;
};

const short = (uuid: string): string => `${uuid.slice(0, 8)}…`;

const renderHeld = (lead: HeldInboxLead, fresh: boolean): HTMLLIElement => {
  const item = element('li', fresh ? 'lead held-lead fresh' : 'lead held-lead');
  item.dataset.key = lead.key;
  if (lead.attached) item.dataset.attached = lead.attached.uuid;
  const head = element('div', 'lead-head');
  head.append(
    element('span', 'lead-name', lead.name ?? lead.email ?? 'Anonymous visitor'),
    element('time', 'lead-time', clock(lead.receivedAt)),
  );
  item.append(head);
  const contact = [lead.email, lead.phone].filter(Boolean).join(' · ');
  if (contact) item.append(element('p', 'lead-contact', contact));
  const state = lead.attached
    ? `attached to chat ${short(lead.attached.uuid)} at ${clock(lead.attached.at)}`
    : 'waiting: the visitor has not opened the chat';
  item.append(element('p', lead.attached ? 'held-state attached' : 'held-state', state));
  return item;
};

const seen = new Map<string, string>();
let firstRender = true;
let lastView = '';
let pollMode: keyof typeof POLL_MS = 'sandbox';

const renderHeldGroup = (view: InboxView): void => {
  const note = part('held-store');
  if (note) {
    note.dataset.mode = view.heldError ? 'error' : '';
    note.textContent = view.heldError
      ? `Could not read the held leads: ${view.heldError}`
      : `Kept by the relay in ${view.heldStore} until the visitor opens the chat; then the lead goes to that chat.`;
  }
  const list = part('held');
  if (!list) return;
  list.replaceChildren(
    ...view.held.map((lead) => {
      const stamp = lead.attached?.at ?? 'held';
      const fresh = !firstRender && seen.get(`held:${lead.key}`) !== stamp;
      seen.set(`held:${lead.key}`, stamp);
      return renderHeld(lead, fresh);
    }),
  );
  list.dataset.count = String(view.held.length);
};

const renderInbox = (view: InboxView): void => {
  pollMode = view.mode;
  const text = JSON.stringify(view);
  if (text === lastView) return;
  lastView = text;
  const title = part('title');
  const mode = part('mode');
  if (title) title.textContent = view.mode === 'api' ? 'Flowmatix inbox (live API)' : 'Flowmatix inbox (sandbox)';
  if (mode) {
    mode.dataset.mode = view.error ? 'error' : view.mode;
    const where =
      view.mode === 'api'
        ? `Relaying to the real Flowmatix API at ${view.upstream} with the token from FLOWMATIX_TOKEN, ` +
          `kept on the server. Bot ${view.botId}.`
        : 'Leads go to the in-process sandbox: nothing leaves this machine.';
    mode.textContent = view.error ? `${where} Could not list leads: ${view.error}` : where;
  }
  renderHeldGroup(view);
  const list = part('leads');
  if (!list) return;
  const leads = [...view.leads].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
  list.replaceChildren(
    ...leads.map((lead) => {
      const stamp = `${lead.updatedAt ?? ''}|${lead.notes.length}`;
      const fresh = !firstRender && seen.get(lead.uuid) !== stamp;
      seen.set(lead.uuid, stamp);
      return renderLead(lead, fresh);
    }),
  );
  list.dataset.count = String(leads.length);
  firstRender = false;
};

let pending: Promise<void> | undefined;
let again = false;

// One request at a time; a refresh asked for meanwhile runs right after, so a `flowmatix:sent` is never missed.
const refresh = (): Promise<void> => {
  if (pending) {
    again = true;
    return pending;
  }
  pending = fetch(INBOX_PATH, { cache: 'no-store', headers: { Accept: 'application/json' } })
    .then(async (response) => {
      // A failed listing still answers a view, with its `error` to show.
      const view = (await response.json().catch(() => null)) as InboxView | null;
      if (!view || typeof view.mode !== 'string') throw new Error(`the inbox route answered ${response.status}`);
      renderInbox(view);
    })
    .catch((error: unknown) => {
      lastView = '';
      const mode = part('mode');
      if (mode) {
        mode.dataset.mode = 'error';
        mode.textContent = `Could not reach the demo server: ${error instanceof Error ? error.message : String(error)}`;
      }
    })
    .finally(() => {
      pending = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
  return pending;
};

const showVisitor = (): void => {
  const target = part('uuid');
  if (!target) return;
  let uuid: string | undefined;
  try {
    const stored = sessionStorage.getItem(WIDGET_SESSION_KEY) ?? 'null';
    const session = JSON.parse(stored) as { user?: { uuid?: string } } | null;
    uuid = session?.user?.uuid;
  } catch {
    uuid = undefined;
  }
  target.textContent = uuid ?? 'not created yet (open the chat bubble)';
};

// The log survives the navigation a native form makes, so the thank-you page still shows what happened before it.
// Request ids are cut short: the log must not put extra UUIDs in sessionStorage beside the widget's.
const LOG_KEY = 'demo-console:events';

interface LoggedEvent {
  time: string;
  type: string;
  text: string;
}

const readLog = (): LoggedEvent[] => {
  try {
    const stored = JSON.parse(sessionStorage.getItem(LOG_KEY) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as LoggedEvent[]) : [];
  } catch {
    return [];
  }
};

const writeLog = (entries: LoggedEvent[]): void => {
  try {
    sessionStorage.setItem(LOG_KEY, JSON.stringify(entries.slice(0, MAX_EVENTS)));
  } catch {
    // The log is a convenience; a full or disabled storage just keeps it to this page.
  }
};

const describe = (event: CustomEvent<Record<string, unknown> | null>): string => {
  const form = event.target instanceof HTMLFormElement ? event.target : null;
  const detail = event.detail ?? {};
  const parts = [form ? form.getAttribute('data-flowmatix') || form.id || 'form' : 'page'];
  for (const key of ['reason', 'code', 'message', 'requestId', 'dropped', 'attempts'] as const) {
    const value = detail[key];
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    parts.push(`${key}: ${key === 'requestId' ? `${text.slice(0, 8)}…` : text}`);
  }
  return parts.join(' · ');
};

const renderLog = (entries: LoggedEvent[]): void => {
  const list = part('events');
  if (!list) return;
  list.replaceChildren(
    ...entries.map((entry) => {
      const item = element('li', 'event');
      item.dataset.type = entry.type;
      item.append(
        element('time', undefined, entry.time),
        element('strong', undefined, entry.type),
        element('span', undefined, entry.text),
      );
      return item;
    }),
  );
};

const logEvent = (event: Event): void => {
  const entry = {
    time: clock(undefined),
    type: event.type,
    text: describe(event as CustomEvent<Record<string, unknown> | null>),
  };
  const entries = [entry, ...readLog()].slice(0, MAX_EVENTS);
  writeLog(entries);
  renderLog(entries);
};

for (const type of LIFECYCLE) document.addEventListener(type, logEvent);
document.addEventListener('flowmatix:sent', () => void refresh());
document.addEventListener('demo-widget:visitor', showVisitor);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});
const poll = (): void => {
  setTimeout(() => {
    if (document.visibilityState === 'visible') void refresh().finally(poll);
    else poll();
  }, POLL_MS[pollMode]);
};
poll();
renderLog(readLog());
showVisitor();
void refresh();
