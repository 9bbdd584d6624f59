import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../src/browser/create-delivery';
import { EVENTS } from '../../src/browser/events';
import { startFlowmatixLeads, type FlowmatixLeadsApi } from '../../src/browser/start-flowmatix-leads';

const VISITOR = '0f8fad5b-d9cb-469f-a165-70867728950e';
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

let delivery: Delivery & { enqueue: ReturnType<typeof vi.fn>; stop: ReturnType<typeof vi.fn> };
let leads: FlowmatixLeadsApi;

const fakeDelivery = () => {
  const stop = vi.fn();
  return {
    stop,
    enqueue: vi.fn(() => 'key-1'),
    flush: vi.fn(async () => ({ sent: 1, queued: 0, failed: 0 })),
    start: vi.fn(() => stop),
  };
};
const lastDraft = (): unknown => (delivery.enqueue.mock.lastCall as unknown[])[0];

beforeEach(() => {
  delivery = fakeDelivery();
});

afterEach(() => {
  leads.stop();
  sessionStorage.clear();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('startFlowmatixLeads', () => {
  it('warns, and throws nothing into the page, when the relay URL cannot be read', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    leads = startFlowmatixLeads({ relay: 'http://' });
    await tick();
    expect(warn).toHaveBeenCalledWith('[flowmatix-leads]', expect.any(TypeError));
  });

  it('starts delivery in the task after it, not while the page starts, and captures form submissions into it', async () => {
    leads = startFlowmatixLeads({ delivery, defaultDialCode: '+44' });
    expect(delivery.start).not.toHaveBeenCalled();
    await tick();
    expect(delivery.start).toHaveBeenCalledOnce();
    document.body.innerHTML = `<form data-flowmatix="Call back" data-flowmatix-confirm="callback:ok">
      <input name="name" value="Ada"><input type="tel" name="phone" value="020 7946 0958"><button>Call me</button></form>`;
    const form = document.querySelector('form')!;
    form.querySelector('button')!.click();
    await tick();
    expect(delivery.enqueue).toHaveBeenCalledWith(
      expect.objectContaining({
        v: 2,
        form: 'Call back',
        dialCode: '+44',
        controls: [
          { name: 'name', type: 'text', value: 'Ada' },
          { name: 'phone', type: 'tel', value: '020 7946 0958' },
        ],
      }),
      form,
      { confirmEvent: 'callback:ok' },
    );
  });

  describe('with its own delivery', () => {
    let posts: Record<string, unknown>[];
    beforeEach(() => {
      posts = [];
      vi.stubGlobal(
        'fetch',
        vi.fn(async (_url: string, init: RequestInit) => {
          posts.push(JSON.parse(String(init.body)));
          return Response.json({ ok: true, requestId: 'r1' });
        }),
      );
    });
    afterEach(() => vi.unstubAllGlobals());

    it('completes leads with the widget identity, even when the widget tag comes later, and the visitor UUID', async () => {
      leads = startFlowmatixLeads({ uuidWait: 60 });
      leads.capture({ email: 'ada@example.com' });
      await tick();
      expect(posts).toEqual([]);
      document.body.insertAdjacentHTML(
        'beforeend',
        '<script id="flowmatix-messenger-widget" type="text/plain">bot1, cust1</script>',
      );
      sessionStorage.setItem('bp-web-session', JSON.stringify({ visitor: VISITOR }));
      await leads.flush();
      expect(posts).toEqual([
        expect.objectContaining({
          uuid: VISITOR,
          botId: 'bot1',
          customerId: 'cust1',
          controls: [{ name: 'email', value: 'ada@example.com' }],
        }),
      ]);
    });

    it('keeps the widget identity once found, also when the widget later removes its tag', async () => {
      sessionStorage.setItem('bp-web-session', JSON.stringify({ visitor: VISITOR }));
      leads = startFlowmatixLeads();
      document.body.innerHTML = '<script id="flowmatix-messenger-widget" type="text/plain">bot1,cust1</script>';
      leads.capture({ email: 'ada@example.com' });
      await leads.flush();
      document.body.innerHTML = '';
      leads.capture({ email: 'grace@example.com' });
      await leads.flush();
      expect(posts.map(({ botId, customerId }) => [botId, customerId])).toEqual([
        ['bot1', 'cust1'],
        ['bot1', 'cust1'],
      ]);
    });

    it('lets the tag attributes override the widget identity and pick the UUID key', async () => {
      document.body.innerHTML = '<script id="flowmatix-messenger-widget" type="text/plain">bot1,cust1</script>';
      sessionStorage.setItem('mine', VISITOR);
      sessionStorage.setItem('bp-uuid', '11111111-1111-4111-8111-111111111111');
      leads = startFlowmatixLeads({ botId: 'b2', customerId: 'c2', uuidKey: 'mine' });
      leads.capture({ email: 'a@b.co' });
      await leads.flush();
      expect(posts).toEqual([expect.objectContaining({ uuid: VISITOR, botId: 'b2', customerId: 'c2' })]);
    });

    it("prints the relay's preview of each bound form with the controls the browser keeps back, and says so when none is bound", async () => {
      const table = vi.spyOn(console, 'table').mockImplementation(() => {});
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      vi.spyOn(console, 'info').mockImplementation(() => {});
      leads = startFlowmatixLeads({ relay: '/api/flowmatix/lead' });
      await expect(leads.debug()).resolves.toEqual([]);
      expect(warn).toHaveBeenCalledWith('[flowmatix-leads]', expect.stringContaining('no form[data-flowmatix]'));

      const fields = [
        { label: 'Email', value: '', maps: 'email' },
        { label: 'company', value: '', maps: 'attribute', dropped: 'empty' },
      ];
      const preview = vi.fn(async (_url: string, _init: RequestInit) =>
        Response.json({ ok: true, lead: {}, fields, requestId: 'r1' }),
      );
      vi.stubGlobal('fetch', preview);
      document.body.innerHTML = `<form data-flowmatix="Signup"><label>Email <input type="email" name="email"></label>
        <label>Password <input type="password" name="pw"></label><input type="hidden" name="ref"><input name="company"></form>`;
      const rows = await leads.debug();
      expect(preview.mock.calls[0]![0]).toBe('http://localhost:3000/api/flowmatix/preview');
      expect(JSON.parse(String(preview.mock.calls[0]![1].body)).controls).toEqual([
        { name: 'email', type: 'email', label: 'Email', value: '' },
        { name: 'company', type: 'text', value: '' },
      ]);
      expect(rows).toEqual([
        { form: 'Signup', ...fields[0] },
        { form: 'Signup', ...fields[1] },
        { form: 'Signup', label: 'Password', dropped: 'sensitive' },
        { form: 'Signup', label: 'ref', dropped: 'hidden' },
      ]);
      expect(table).toHaveBeenLastCalledWith(rows);
    });

    it('warns when the relay gives no preview, and still lists what the browser keeps back', async () => {
      vi.spyOn(console, 'table').mockImplementation(() => {});
      vi.spyOn(console, 'info').mockImplementation(() => {});
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => new Response('Not found', { status: 404 })),
      );
      leads = startFlowmatixLeads();
      document.body.innerHTML = `<form data-flowmatix="Signup"><input type="email" name="email"><input type="password" name="pw"></form>`;
      await expect(leads.debug()).resolves.toEqual([{ form: 'Signup', label: 'pw', dropped: 'sensitive' }]);
      expect(warn).toHaveBeenCalledWith(
        '[flowmatix-leads]',
        'no preview of',
        'Signup',
        'from',
        'http://localhost:3000/api/flowmatix/preview',
        'HTTP 404',
      );
    });
  });

  it('says in debug mode why no form is bound: no opt-in, data-forms matching none, auto finding no lead form', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    vi.spyOn(console, 'table').mockImplementation(() => {});
    document.body.innerHTML = '<form><input type="email" name="email"><input type="password" name="pw"></form>';
    const reasons: unknown[] = [];
    for (const forms of [undefined, '.wpcf7-form', 'auto']) {
      warn.mockClear();
      leads = startFlowmatixLeads({ delivery, forms });
      await leads.debug();
      reasons.push(warn.mock.calls.find(([, text]) => String(text).startsWith('no form is bound'))?.slice(1));
      leads.stop();
    }
    expect(reasons).toEqual([
      ['no form is bound, of 1:', 'none has data-flowmatix, and the script tag no data-forms'],
      ['no form is bound, of 1:', 'data-forms=".wpcf7-form" selects none'],
      ['no form is bound, of 1:', 'data-forms="auto" selects none'],
    ]);
  });

  it('warns once per page, debug mode or not, of an answer that means the relay or the page is set up wrong', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    leads = startFlowmatixLeads({ delivery, relay: '/api/leads' });
    const fail = (detail: object) => document.dispatchEvent(new CustomEvent(EVENTS.failed, { bubbles: true, detail }));
    const seen = 'Leads are accepted only from pages of this site: the relay saw Origin https://shop.example …';
    fail({ code: 'forbidden_origin', status: 403, message: seen });
    fail({ code: 'forbidden_origin', status: 403, message: seen });
    fail({
      code: 'unknown_bot',
      status: 403,
      message: 'This bot is not served by this relay.',
      lead: { botId: 'b1', customerId: 'c1' },
    });
    fail({ code: 'rejected', status: 404 });
    fail({ code: 'too_large', status: 413, message: 'The body is larger than 16384 bytes.' });
    fail({ code: 'invalid_lead', status: 400, message: 'The lead is not valid.' });
    fail({ code: 'not_submitted' });
    expect(warn.mock.calls).toEqual([
      ['[flowmatix-leads]', 'forbidden_origin', seen],
      ['[flowmatix-leads]', 'unknown_bot', 'add b1:c1 to FLOWMATIX_BOTS'],
      ['[flowmatix-leads]', 'rejected', 'no relay at http://localhost:3000/api/leads (data-relay)'],
      ['[flowmatix-leads]', 'too_large', 'The body is larger than 16384 bytes.'],
    ]);
  });

  it('applies configure() rules to the forms submitted after, and refuses what is no object', async () => {
    leads = startFlowmatixLeads({ delivery });
    leads.configure({ '#quote': { label: 'Quote' }, '[name=tel]': { field: 'phone' } });
    expect(() => leads.configure('label' as never)).toThrow(TypeError);
    await tick();
    document.body.innerHTML = '<form id="quote"><input name="tel" value="020 7946 0958"><button>Send</button></form>';
    document.querySelector('button')!.click();
    await tick();
    expect(lastDraft()).toMatchObject({
      form: 'Quote',
      controls: [{ name: 'tel', field: 'phone', value: '020 7946 0958' }],
    });
  });

  it('captures API fields as controls named by their keys and announces them on document', () => {
    leads = startFlowmatixLeads({ delivery });
    const announced = vi.fn();
    document.addEventListener(EVENTS.capture, announced, { once: true });
    const key = leads.capture(
      {
        firstName: 'Ada',
        lastName: 'Lovelace',
        Telefon: '+49 30 1234567',
        plan: 'Pro',
        password: 'x',
        tags: ['vip', 'api'],
      },
      'Pricing',
    );
    expect(key).toBe('key-1');
    expect(announced).toHaveBeenCalledOnce();
    expect(delivery.enqueue).toHaveBeenCalledWith(expect.anything(), document, { confirmEvent: undefined });
    expect(lastDraft()).toMatchObject({
      v: 2,
      form: 'Pricing',
      tags: ['vip', 'api'],
      controls: [
        { name: 'firstName', value: 'Ada' },
        { name: 'lastName', value: 'Lovelace' },
        { name: 'Telefon', value: '+49 30 1234567' },
        { name: 'plan', value: 'Pro' },
      ],
    });
    expect(JSON.stringify(lastDraft())).not.toContain('password');
  });

  it('throws a TypeError when capture gets no object', () => {
    leads = startFlowmatixLeads({ delivery });
    expect(() => leads.capture('ada@example.com' as never)).toThrow(TypeError);
  });

  it('flushes through delivery', async () => {
    leads = startFlowmatixLeads({ delivery });
    await expect(leads.flush()).resolves.toEqual({ sent: 1, queued: 0, failed: 0 });
  });

  it('starts delivery at once for a lead captured before that task', () => {
    leads = startFlowmatixLeads({ delivery });
    leads.capture({ email: 'ada@example.com' });
    expect(delivery.start).toHaveBeenCalledOnce();
    expect(delivery.enqueue).toHaveBeenCalledOnce();
  });

  it('logs captures and skipped submissions in debug mode, with the prefix', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    leads = startFlowmatixLeads({ delivery, debug: true });
    document.body.innerHTML = `<form data-flowmatix><input name="email" type="email" value="a@b.co"><input data-flowmatix-honeypot value="x"><button>Go</button></form>`;
    document.querySelector('button')!.click();
    await tick();
    expect(info).toHaveBeenCalledWith('[flowmatix-leads]', expect.stringContaining('skipped'), expect.anything());
  });

  it('stops everything it started', async () => {
    leads = startFlowmatixLeads({ delivery });
    await tick();
    leads.stop();
    document.body.innerHTML = `<form data-flowmatix><input name="email" value="a@b.co"><button>Go</button></form>`;
    document.querySelector('button')!.click();
    await tick();
    expect(delivery.stop).toHaveBeenCalledOnce();
    expect(delivery.enqueue).not.toHaveBeenCalled();
  });

  it('never starts delivery when stopped before it would', async () => {
    leads = startFlowmatixLeads({ delivery });
    leads.stop();
    await tick();
    expect(delivery.start).not.toHaveBeenCalled();
  });
});
