import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const VISITOR = '0f8fad5b-d9cb-469f-a165-70867728950e';
type Page = Window & { FlowmatixLeads?: unknown };
const page = window as Page;

let posts: { url: string; body: Record<string, unknown> }[];
/** The value of the control named `name` in a posted snapshot. */
const valueOf = (body: Record<string, unknown>, name: string) =>
  (body.controls as { name?: string; value: string }[]).find((control) => control.name == name)?.value;

/** Loads the script-tag build's entry as a page would: after its tag, maybe after the stub queue. */
const load = async () => {
  vi.resetModules();
  await import('../../src/browser/global');
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  posts = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      posts.push({ url: String(url), body: JSON.parse(String(init.body)) });
      return new Response(JSON.stringify({ ok: true, requestId: 'r1' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
  document.body.innerHTML = `
    <script id="flowmatix-messenger-widget" type="text/plain">bot1,cust1</script>
    <script type="text/plain" src="/static/flowmatix-leads.js?v=1" data-relay="/leads" data-default-dial-code="+44"></script>`;
  sessionStorage.setItem('bp-web-session', JSON.stringify({ uuid: VISITOR }));
});

afterEach(() => {
  const api = page.FlowmatixLeads as { stop?: () => void } | undefined;
  api?.stop?.();
  delete page.FlowmatixLeads;
  sessionStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the script-tag build', () => {
  it('replays the stub queue, then posts the lead to the relay from its tag', async () => {
    page.FlowmatixLeads = [['capture', { email: 'ada@example.com', phone: '07700 900123' }, 'Newsletter']];
    await load();
    await settle();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toBe('http://localhost:3000/leads');
    expect(posts[0]!.body).toMatchObject({
      v: 2,
      uuid: VISITOR,
      botId: 'bot1',
      customerId: 'cust1',
      form: 'Newsletter',
      dialCode: '+44',
      controls: [
        { name: 'email', value: 'ada@example.com' },
        { name: 'phone', value: '07700 900123' },
      ],
    });
  });

  it('posts to the relay on the page’s origin even when a <base href> points at another', async () => {
    document.head.insertAdjacentHTML('beforeend', '<base href="https://cdn.example.net/assets/">');
    try {
      page.FlowmatixLeads = [['capture', { email: 'ada@example.com' }]];
      await load();
      await settle();
      expect(posts.map((post) => post.url)).toEqual(['http://localhost:3000/leads']);
    } finally {
      document.head.querySelector('base')?.remove();
    }
  });

  it('holds a lead until the widget creates the visitor UUID, then sends it completed', async () => {
    sessionStorage.clear();
    const queued = vi.fn();
    document.addEventListener('flowmatix:queued', queued);
    page.FlowmatixLeads = [['capture', { email: 'early@example.com' }]];
    await load();
    await settle();
    expect(posts).toEqual([]);
    expect(queued.mock.lastCall![0].detail.reason).toBe('uuid-pending');
    sessionStorage.setItem('bp-web-session', JSON.stringify({ uuid: VISITOR, open: true }));
    await (page.FlowmatixLeads as { flush: () => Promise<unknown> }).flush();
    expect(posts.map((post) => [post.body.uuid, valueOf(post.body, 'email')])).toEqual([
      [VISITOR, 'early@example.com'],
    ]);
    document.removeEventListener('flowmatix:queued', queued);
  });

  it('sends a lead without the visitor UUID at once under data-uuid-wait="0"', async () => {
    sessionStorage.clear();
    document.querySelector('script[data-relay]')!.setAttribute('data-uuid-wait', '0');
    page.FlowmatixLeads = [['capture', { email: 'early@example.com' }]];
    await load();
    await settle();
    expect(posts.map((post) => post.body)).toEqual([expect.objectContaining({ botId: 'bot1', customerId: 'cust1' })]);
    expect(valueOf(posts[0]!.body, 'email')).toBe('early@example.com');
    expect(posts[0]!.body).not.toHaveProperty('uuid');
  });

  it('becomes the FlowmatixLeads API, and push keeps working after load', async () => {
    await load();
    const api = page.FlowmatixLeads as {
      capture: unknown;
      flush: unknown;
      debug: unknown;
      push: (...c: unknown[]) => void;
    };
    expect(typeof api.capture).toBe('function');
    expect(typeof api.flush).toBe('function');
    expect(typeof api.debug).toBe('function');
    api.push(['capture', { email: 'late@example.com' }]);
    await settle();
    expect(posts.map((post) => valueOf(post.body, 'email'))).toEqual(['late@example.com']);
  });

  it('replays a queued configure: selector rules apply at submit as written attributes would', async () => {
    document.body.innerHTML =
      '<form data-flowmatix><input name="x1" value="Ada"><input name="skip" value="secret-ish"><button>Send</button></form>';
    page.FlowmatixLeads = [['configure', { '[name=skip]': { ignore: true }, form: { tags: 'queued' } }]];
    await load();
    document.querySelector('form')!.addEventListener('submit', (event) => event.preventDefault());
    document.querySelector('button')!.click();
    await settle();
    const form = document.querySelector('form')!;
    expect(form.getAttribute('data-flowmatix-tags')).toBe('queued');
    expect(form.querySelector('[name=skip]')!.hasAttribute('data-flowmatix-ignore')).toBe(true);
  });

  it('never throws from queued commands: it warns with its prefix', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page.FlowmatixLeads = [['capture', 'not an object'], ['explode']];
    await expect(load()).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('[flowmatix-leads]', expect.any(TypeError));
    expect(warn).toHaveBeenCalledWith('[flowmatix-leads]', 'unknown command', 'explode');
  });

  it('warns about a malformed command and still runs the rest, before and after load', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page.FlowmatixLeads = [null, ['capture', { email: 'queued@example.com' }]];
    await load();
    const api = page.FlowmatixLeads as { push: (...c: unknown[]) => void };
    expect(() => api.push(null, { capture: {} }, ['capture', { email: 'pushed@example.com' }])).not.toThrow();
    await settle();
    expect(posts.map((post) => valueOf(post.body, 'email'))).toEqual(['queued@example.com', 'pushed@example.com']);
    expect(warn).toHaveBeenCalledWith('[flowmatix-leads]', expect.any(TypeError));
  });

  it('sends a confirm-mode lead when the page confirms on its form after re-rendering it away, or on document', async () => {
    // The form leaves the page before the confirmation in the first case, stays in the second.
    await load();
    const announced = vi.fn();
    document.addEventListener('flowmatix:capture', announced);
    for (const confirmOn of ['form', 'document']) {
      document.body.insertAdjacentHTML(
        'beforeend',
        `<div id="root"><form data-flowmatix data-flowmatix-confirm="contact:sent"><input type="email" name="email" value="${confirmOn}@example.com"><button>Send</button></form></div>`,
      );
      const form = document.querySelector('#root form') as HTMLFormElement;
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        if (confirmOn == 'form') document.getElementById('root')!.remove();
      });
      form.requestSubmit();
      await settle();
      expect(posts).toHaveLength(confirmOn == 'form' ? 0 : 1);
      (confirmOn == 'form' ? form : document).dispatchEvent(new Event('contact:sent', { bubbles: true }));
      await settle();
      document.getElementById('root')?.remove();
    }
    expect(posts.map((post) => valueOf(post.body, 'email'))).toEqual(['form@example.com', 'document@example.com']);
    expect(announced).toHaveBeenCalledTimes(2);
    document.removeEventListener('flowmatix:capture', announced);
  });

  it('keeps the first copy when the script is included twice', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await load();
    const first = page.FlowmatixLeads;
    await load();
    expect(page.FlowmatixLeads).toBe(first);
    expect(warn).toHaveBeenCalledWith('[flowmatix-leads]', expect.stringContaining('loaded twice'));
  });

  it("prints the relay's preview of the bound forms at load with data-debug", async () => {
    document.querySelector('[src*=flowmatix-leads]')!.setAttribute('data-debug', '');
    document.body.insertAdjacentHTML('beforeend', '<form data-flowmatix><input type="email" name="email"></form>');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        posts.push({ url: String(url), body: JSON.parse(String(init.body)) });
        return Response.json({
          ok: true,
          lead: {},
          fields: [{ label: 'email', value: '', maps: 'email' }],
          requestId: 'r1',
        });
      }),
    );
    const table = vi.spyOn(console, 'table').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    await load();
    await settle();
    expect(posts[0]).toMatchObject({
      url: 'http://localhost:3000/preview',
      body: { v: 2, controls: [{ name: 'email', type: 'email', value: '' }] },
    });
    expect(table).toHaveBeenCalledWith([{ form: 'Website form', label: 'email', value: '', maps: 'email' }]);
  });
});
