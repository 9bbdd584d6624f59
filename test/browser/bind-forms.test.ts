import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindForms, DOUBLE_SUBMIT_MS } from '../../src/browser/bind-forms';
import { EVENTS } from '../../src/browser/events';
import type { LeadSnapshot } from '../../src/shared/lead-snapshot';

type Delivered = [snapshot: LeadSnapshot, target: EventTarget, confirmEvent?: string];
/** The values a snapshot sends, by control name. */
const values = (snapshot: LeadSnapshot) =>
  Object.fromEntries(snapshot.controls.map((control) => [control.name, control.value]));

let delivered: Delivered[];
let unbind: () => void;
let clock: number;
const page = new AbortController();
// A prevented submit waits for the page to send the form itself: Resource Timing, as the browser reports it, tells
// that a request started. `tick` lets the deferred decision run, then the page's request show.
let report: ((entries: object[]) => void) | undefined;
class FakeObserver {
  constructor(callback: (list: { getEntries(): object[] }) => void) {
    report = (entries) => callback({ getEntries: () => entries });
  }
  observe() {}
  takeRecords() {
    return [];
  }
}
const tick = async () => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  report?.([{ initiatorType: 'fetch', name: `${location.origin}/contact`, startTime: performance.now() }]);
};

const CONTACT = `
  <label>Name <input name="name" value="Ada Lovelace"></label>
  <label>Email <input type="email" name="email" value="ada@example.com"></label>
  <label>Message <textarea name="message">A cake for 40, please.</textarea></label>
  <button type="submit">Send</button>`;

const render = (html = CONTACT, attributes = 'data-flowmatix="Contact us"') => {
  document.body.innerHTML = `<form ${attributes} action="#sent">${html}</form>`;
  return document.querySelector('form')!;
};
/** A page's own submit handler, as AJAX form plugins and validation libraries attach them. */
const onPageSubmit = (target: EventTarget, handler: (event: Event) => void, capture = false) =>
  target.addEventListener('submit', handler, { capture, signal: page.signal });
const submit = (form: HTMLFormElement) => form.querySelector<HTMLButtonElement>('[type=submit]')!.click();

beforeEach(() => {
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  delivered = [];
  clock = Date.parse('2025-05-01T10:00:00.000Z');
  unbind = bindForms(window, {
    deliver: (...args: Delivered) => void delivered.push(args),
    defaultDialCode: '+44',
    now: () => clock,
  });
});

afterEach(async () => {
  await tick(); // deferred decisions of the test belong to it
  unbind();
  page.abort();
  Object.assign(page, new AbortController());
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('bindForms', () => {
  it('captures a native submission in the task after it: the click pays only for reading values', async () => {
    const form = render();
    submit(form);
    expect(delivered).toEqual([]);
    await tick();
    expect(delivered).toHaveLength(1);
    const [snapshot, target, confirmEvent] = delivered[0]!;
    expect(target).toBe(form);
    expect(confirmEvent).toBeUndefined();
    expect(snapshot).toEqual({
      v: 2,
      form: 'Contact us',
      page: '/',
      at: '2025-05-01T10:00:00.000Z',
      dialCode: '+44',
      controls: [
        { name: 'name', type: 'text', label: 'Name', value: 'Ada Lovelace' },
        { name: 'email', type: 'email', label: 'Email', value: 'ada@example.com' },
        { name: 'message', type: 'textarea', label: 'Message', value: 'A cake for 40, please.' },
      ],
    });
  });

  it('captures an AJAX submission whose handler calls preventDefault and stopPropagation', async () => {
    const form = render();
    onPageSubmit(form, (event) => {
      event.preventDefault();
      event.stopPropagation();
    });
    submit(form);
    await tick();
    expect(delivered).toHaveLength(1);
    expect(values(delivered[0]![0]).email).toBe('ada@example.com');
  });

  it('sees the submission even when a page listener on document stops it in the capture phase', async () => {
    const form = render();
    onPageSubmit(document, (event) => event.stopImmediatePropagation(), true);
    onPageSubmit(form, (event) => event.preventDefault());
    submit(form);
    await tick();
    expect(delivered).toHaveLength(1);
  });

  it('observes submit in the capture phase of window, before any page listener, as browsers dispatch it', () => {
    const order: string[] = [];
    const form = render();
    onPageSubmit(window, () => order.push('window capture (page)'), true);
    onPageSubmit(document, () => order.push('document capture'), true);
    onPageSubmit(form, (event) => (order.push('form'), event.preventDefault()));
    onPageSubmit(document, () => order.push('document bubble'));
    document.addEventListener(EVENTS.capture, () => order.push('lead'), { signal: page.signal });
    form.addEventListener('submit', () => order.push(delivered.length ? 'form (after lead)' : 'form (lead pending)'), {
      signal: page.signal,
    });
    submit(form);
    expect(order).toEqual([
      'window capture (page)',
      'document capture',
      'form',
      'form (lead pending)',
      'document bubble',
    ]);
  });

  it('skips a submission a validation library rejects in its own handler (jQuery-style return false)', async () => {
    const form = render(
      `<label>Email <input name="email" value="ada at example"></label><button type="submit">Send</button>`,
      'data-flowmatix novalidate',
    );
    onPageSubmit(form, (event) => {
      form.querySelector('input')!.setAttribute('aria-invalid', 'true');
      event.preventDefault();
      event.stopPropagation();
    });
    submit(form);
    await tick();
    expect(delivered).toEqual([]);
  });

  it('skips a submission a validation library marks invalid once its promise settles', async () => {
    const form = render();
    onPageSubmit(form, (event) => {
      event.preventDefault();
      void Promise.resolve().then(() => form.querySelector('[name=email]')!.setAttribute('aria-invalid', 'true'));
    });
    submit(form);
    await tick();
    expect(delivered).toEqual([]);
  });

  it('skips a form that fails its constraints, also under novalidate', async () => {
    const form = render(
      `<input name="name" value="Ada"><input type="email" name="email" required><button type="submit">Send</button>`,
      'data-flowmatix novalidate',
    );
    onPageSubmit(form, (event) => event.preventDefault());
    submit(form);
    await tick();
    expect(delivered).toEqual([]);
  });

  it('under novalidate, ignores a required field the page does not show (conditional logic)', async () => {
    const form = render(
      `<input name="name" value="Ada"><div style="display:none"><input name="company_size" required></div><button type="submit">Send</button>`,
      'data-flowmatix novalidate',
    );
    onPageSubmit(form, (event) => event.preventDefault());
    submit(form);
    await tick();
    expect(delivered.map(([snapshot]) => values(snapshot).name)).toEqual(['Ada']);
  });

  it('leaves no pagehide listener behind once a submission is decided', async () => {
    const form = render();
    onPageSubmit(form, (event) => event.preventDefault());
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    submit(form);
    await tick();
    const listeners = (spy: typeof added) =>
      spy.mock.calls.filter(([type]) => type == 'pagehide').map(([, listener]) => listener);
    expect(listeners(added)).toHaveLength(1);
    expect(listeners(removed)).toEqual(listeners(added));
  });

  it('keeps the values of a form reset right after submit', async () => {
    const form = render();
    onPageSubmit(form, (event) => {
      event.preventDefault();
      form.reset();
    });
    submit(form);
    await tick();
    expect(values(delivered[0]![0])).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('keeps the lead of a form removed right after submit, and announces it on document', async () => {
    const form = render();
    const announced = vi.fn();
    document.addEventListener(EVENTS.capture, announced, { signal: page.signal });
    onPageSubmit(form, (event) => {
      event.preventDefault();
      form.remove();
    });
    submit(form);
    await tick();
    expect(values(delivered[0]![0]).name).toBe('Ada Lovelace');
    expect(delivered[0]![1]).toBe(document);
    expect(announced).toHaveBeenCalledOnce();
  });

  it('makes one lead of a double click, and a new one after the window', async () => {
    const form = render();
    onPageSubmit(form, (event) => event.preventDefault());
    submit(form);
    clock += 300;
    submit(form);
    await tick();
    expect(delivered).toHaveLength(1);
    clock += DOUBLE_SUBMIT_MS;
    submit(form);
    await tick();
    expect(delivered).toHaveLength(2);
  });

  it('captures a second submission with other values at once', async () => {
    const form = render();
    onPageSubmit(form, (event) => event.preventDefault());
    submit(form);
    await tick();
    form.querySelector<HTMLInputElement>('[name=email]')!.value = 'grace@example.com';
    submit(form);
    await tick();
    expect(delivered.map(([snapshot]) => values(snapshot).email)).toEqual(['ada@example.com', 'grace@example.com']);
  });

  it('works for forms rendered after it started (SPAs), and ignores forms without data-flowmatix', async () => {
    document.body.innerHTML = '<main></main>';
    const late = document.createElement('form');
    late.setAttribute('data-flowmatix', '');
    late.innerHTML = CONTACT;
    const other = document.createElement('form');
    other.innerHTML = CONTACT;
    document.querySelector('main')!.append(late, other);
    for (const form of [late, other]) form.addEventListener('submit', (event) => event.preventDefault());
    submit(other);
    submit(late);
    await tick();
    expect(delivered.map(([, target]) => target)).toEqual([late]);
  });

  it('decides at pagehide when the page navigates before the deferred decision', async () => {
    const form = render();
    onPageSubmit(form, (event) => event.stopPropagation());
    submit(form);
    expect(delivered).toEqual([]);
    window.dispatchEvent(new Event('pagehide'));
    expect(delivered).toHaveLength(1);
    await tick();
    expect(delivered).toHaveLength(1);
  });

  it('notes the page the form was sent from, when an SPA router moves on in its submit handler', async () => {
    history.replaceState(null, '', '/contact');
    const form = render();
    onPageSubmit(form, (event) => {
      event.preventDefault();
      history.pushState(null, '', '/thanks');
    });
    submit(form);
    await tick();
    history.replaceState(null, '', '/');
    expect(delivered[0]![0]).toMatchObject({ page: '/contact', at: '2025-05-01T10:00:00.000Z' });
  });

  it('keeps the values of controls the page disables while it sends', async () => {
    const form = render();
    onPageSubmit(form, (event) => {
      event.preventDefault();
      for (const control of form.elements) (control as HTMLInputElement).disabled = true;
    });
    submit(form);
    await tick();
    expect(values(delivered[0]![0])).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('never captures password, card number or one-time code fields, even when mapped', async () => {
    const form = render(`
      <input name="email" type="email" value="ada@example.com">
      <input name="password" type="password" value="hunter2" data-flowmatix-field="note">
      <label>Card number <input name="cardnumber" value="4111 1111 1111 1111" data-flowmatix-field="attribute:Card"></label>
      <input name="otp" autocomplete="one-time-code" value="123456" data-flowmatix-field="phone">
      <button type="submit">Pay</button>`);
    submit(form);
    await tick();
    const sent = JSON.stringify(delivered[0]![0]);
    for (const secret of ['hunter2', '4111', '123456']) expect(sent).not.toContain(secret);
  });

  it('sends nothing when the consent box is unchecked, and records consent when it is checked', async () => {
    const form = render(
      `${CONTACT}<label><input type="checkbox" name="ok" data-flowmatix-consent> You may contact me about my order</label>`,
    );
    submit(form);
    await tick();
    expect(delivered).toEqual([]);
    form.querySelector<HTMLInputElement>('[name=ok]')!.checked = true;
    submit(form);
    await tick();
    expect(delivered[0]![0].consent).toEqual({
      text: 'You may contact me about my order',
      at: '2025-05-01T10:00:00.000Z',
    });
  });

  it('drops the submission silently when the honeypot is filled', async () => {
    const form = render(`${CONTACT}<input name="website" data-flowmatix-honeypot value="https://spam.example">`);
    submit(form);
    await tick();
    expect(delivered).toEqual([]);
  });

  it('lets a flowmatix:capture listener cancel the lead, edit the snapshot or set lead values', async () => {
    const form = render();
    const cancel = (event: Event) => event.preventDefault();
    document.addEventListener(EVENTS.capture, cancel, { once: true });
    submit(form);
    await tick();
    expect(delivered).toEqual([]);
    document.addEventListener(
      EVENTS.capture,
      (event) => {
        const { snapshot, lead } = (event as CustomEvent).detail;
        snapshot.controls = snapshot.controls.filter((control: { name: string }) => control.name != 'message');
        lead.tags = ['vip'];
      },
      { once: true },
    );
    clock += DOUBLE_SUBMIT_MS;
    submit(form);
    await tick();
    expect(delivered[0]![0].lead).toEqual({ tags: ['vip'] });
    expect(Object.keys(values(delivered[0]![0]))).toEqual(['name', 'email']);
  });

  it('passes the form label, tags and confirm event along', async () => {
    const form = render(
      CONTACT,
      'data-flowmatix="Quote" data-flowmatix-tags="web,quote" data-flowmatix-confirm="quote:sent"',
    );
    submit(form);
    await tick();
    expect(delivered[0]![0]).toMatchObject({ form: 'Quote', tags: ['web', 'quote'] });
    expect(delivered[0]![2]).toBe('quote:sent');
  });

  it('counts a click on the last button of a form with no submit button (Ninja Forms)', async () => {
    const form = render(`
      <input name="nf-field-5" aria-label="Email" type="email" value="ada@example.com">
      <input type="button" value="Add another">
      <input type="button" id="nf-field-7" value="Submit">`);
    form.querySelector<HTMLInputElement>('[value="Add another"]')!.click();
    await tick();
    expect(delivered).toEqual([]);
    form.querySelector<HTMLInputElement>('#nf-field-7')!.click();
    await tick();
    expect(values(delivered[0]![0])['nf-field-5']).toBe('ada@example.com');
  });

  it('runs the submit path once at idle time, capturing and warning nothing, and a submit after reads current values', async () => {
    const warn = vi.spyOn(console, 'warn');
    const form = render();
    const name = form.querySelector<HTMLInputElement>('[name=name]')!;
    let reads = 0;
    let proto = Object.getPrototypeOf(name);
    while (!Object.getOwnPropertyDescriptor(proto, 'value')) proto = Object.getPrototypeOf(proto);
    const { get, set } = Object.getOwnPropertyDescriptor(proto, 'value')!;
    Object.defineProperty(name, 'value', {
      get() {
        reads++;
        return get!.call(this);
      },
      set(value) {
        set!.call(this, value);
      },
    });
    const captures: Event[] = [];
    document.addEventListener(EVENTS.capture, (event) => captures.push(event), { signal: page.signal });
    await tick();
    expect(reads).toBe(1);
    expect(delivered).toEqual([]);
    expect(captures).toEqual([]);
    expect(warn).not.toHaveBeenCalled();

    name.value = 'Grace Hopper';
    submit(form);
    await tick();
    expect(delivered.map(([snapshot]) => values(snapshot).name)).toEqual(['Grace Hopper']);
    warn.mockRestore();
  });

  it('stops capturing when unbound', async () => {
    unbind();
    submit(render());
    await tick();
    expect(delivered).toEqual([]);
  });

  it('never throws into the page: a failing delivery becomes a warning', async () => {
    unbind();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    unbind = bindForms(window, {
      deliver: () => {
        throw new Error('storage exploded');
      },
    });
    expect(() => submit(render())).not.toThrow();
    await tick();
    expect(warn).toHaveBeenCalledWith('[flowmatix-leads]', expect.objectContaining({ message: 'storage exploded' }));
    warn.mockRestore();
  });
});
