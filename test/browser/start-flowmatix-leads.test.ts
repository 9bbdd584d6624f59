import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../src/browser/create-delivery';
import { EVENTS } from '../../src/browser/events';
import { startFlowmatixLeads, type FlowmatixLeadsApi } from '../../src/browser/start-flowmatix-leads';
import { normalizeBrowserLead } from '../../src/relay/normalize-browser-lead';

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
const lastDraft = () => delivery.enqueue.mock.lastCall![0];

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
    expect(delivery.enqueue).toHaveBeenCalledWith(expect.objectContaining({ name: 'Ada', phone: '020 7946 0958', dialCode: '+44' }), form, {
      confirmEvent: 'callback:ok',
    });
    expect(normalizeBrowserLead(lastDraft())).toMatchObject({ phone: '2079460958', dialCode: '+44' });
  });

  it('completes leads with the widget identity, even when the widget tag comes later, and the visitor UUID', async () => {
    leads = startFlowmatixLeads({ delivery });
    leads.capture({ email: 'ada@example.com' });
    expect(lastDraft()).not.toHaveProperty('botId');
    document.body.insertAdjacentHTML('beforeend', '<script id="flowmatix-messenger-widget" type="text/plain">bot1, cust1</script>');
    sessionStorage.setItem('bp-web-session', JSON.stringify({ visitor: VISITOR }));
    await tick();
    leads.capture({ email: 'ada@example.com' });
    expect(lastDraft()).toMatchObject({ uuid: VISITOR, botId: 'bot1', customerId: 'cust1' });
  });

  it('keeps the widget identity once found, also when the widget later removes its tag', () => {
    leads = startFlowmatixLeads({ delivery });
    document.body.innerHTML = '<script id="flowmatix-messenger-widget" type="text/plain">bot1,cust1</script>';
    leads.capture({ email: 'ada@example.com' });
    document.body.innerHTML = '';
    leads.capture({ email: 'grace@example.com' });
    expect(lastDraft()).toMatchObject({ botId: 'bot1', customerId: 'cust1', email: 'grace@example.com' });
  });

  it('lets the tag attributes override the widget identity and pick the UUID key', () => {
    document.body.innerHTML = '<script id="flowmatix-messenger-widget" type="text/plain">bot1,cust1</script>';
    sessionStorage.setItem('mine', VISITOR);
    sessionStorage.setItem('bp-uuid', '11111111-1111-4111-8111-111111111111');
    leads = startFlowmatixLeads({ delivery, botId: 'b2', customerId: 'c2', uuidKey: 'mine' });
    leads.capture({ email: 'a@b.co' });
    expect(lastDraft()).toMatchObject({ uuid: VISITOR, botId: 'b2', customerId: 'c2' });
  });

  it('captures API fields by their names and announces them on document', () => {
    leads = startFlowmatixLeads({ delivery });
    const announced = vi.fn();
    document.addEventListener(EVENTS.capture, announced, { once: true });
    const key = leads.capture({ firstName: 'Ada', lastName: 'Lovelace', Telefon: '+49 30 1234567', plan: 'Pro', password: 'x', tags: ['vip', 'api'] }, 'Pricing');
    expect(key).toBe('key-1');
    expect(announced).toHaveBeenCalledOnce();
    expect(delivery.enqueue).toHaveBeenCalledWith(expect.anything(), document, { confirmEvent: undefined });
    expect(lastDraft()).toMatchObject({ phone: '+49 30 1234567' });
    expect(normalizeBrowserLead(lastDraft())).toMatchObject({
      name: 'Ada Lovelace',
      phone: '301234567',
      dialCode: '+49',
      tags: ['vip', 'api'],
      attributes: [{ key: 'plan', value: 'Pro' }],
      notes: [{ title: 'Pricing' }],
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

  it('prints a table of bound forms, mapped and dropped fields', () => {
    const table = vi.spyOn(console, 'table').mockImplementation(() => {});
    vi.spyOn(console, 'info').mockImplementation(() => {});
    leads = startFlowmatixLeads({ delivery });
    document.body.innerHTML = `<form data-flowmatix="Signup"><label>Email <input type="email" name="email"></label>
      <label>Password <input type="password" name="pw"></label><input type="hidden" name="ref"><input name="company"></form>`;
    const rows = leads.debug();
    expect(rows).toEqual([
      { form: 'Signup', field: 'Email', mapped: 'email' },
      { form: 'Signup', field: 'Password', mapped: 'dropped: sensitive' },
      { form: 'Signup', field: 'ref', mapped: 'dropped: hidden' },
      { form: 'Signup', field: 'company', mapped: 'attribute' },
    ]);
    expect(table).toHaveBeenCalledWith(rows);
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
