// @ts-expect-error jQuery ships no types; the tests need only trigger.
import jQueryFactory from 'jquery';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SUBMISSION_WAIT_MS } from '../../src/browser/await-submission';
import { bindForms } from '../../src/browser/bind-forms';
import type { Configuration } from '../../src/browser/configure-elements';
import { EVENTS } from '../../src/browser/events';
import type { LeadSnapshot } from '../../src/shared/lead-snapshot';
import { quietIframeLoading } from './quiet-iframe-loading';

// When a submission counts: forms opted in from the script tag, builders' own signals, and submissions the page
// prevents, which wait for evidence that the page sent them.

type Delivered = [snapshot: LeadSnapshot, target: EventTarget, confirmEvent?: string];
const jQuery = jQueryFactory as (target: unknown) => { trigger(type: string, data?: unknown): void };

let delivered: Delivered[];
let failed: string[];
let unbind: () => void;
let report: (entries: object[]) => void;
const page = new AbortController();

class FakeObserver {
  constructor(callback: (list: { getEntries(): object[] }) => void) {
    report = (entries) => callback({ getEntries: () => entries });
  }
  observe() {}
  takeRecords() {
    return [];
  }
}

const bind = (options: { forms?: string; configure?: Configuration[] } = {}) => {
  unbind = bindForms(window, {
    deliver: (...args: Delivered) => void delivered.push(args),
    isOwn: (url) => url.includes('/api/flowmatix/'),
    ...options,
  });
};
const render = (html: string) => {
  document.body.innerHTML = html;
  return document.querySelector('form')!;
};
const CONTACT =
  '<input name="name" value="Ada Lovelace"><input type="email" name="email" value="ada@example.com"><button type="submit">Send</button>';
const submit = (form: HTMLFormElement) => form.querySelector<HTMLButtonElement>('[type=submit]')!.click();
const prevent = (form: HTMLFormElement) =>
  form.addEventListener('submit', (event) => event.preventDefault(), { signal: page.signal });
const tick = () => vi.advanceTimersByTimeAsync(5);
const names = () => delivered.map(([snapshot]) => snapshot.form);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance', 'Date'] });
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  (window as unknown as { jQuery: unknown }).jQuery = jQueryFactory;
  delivered = [];
  failed = [];
  document.addEventListener(EVENTS.failed, (event) => failed.push((event as CustomEvent).detail.code), {
    signal: page.signal,
  });
});

afterEach(() => {
  // Ends what waits, so that no later test hears of it.
  dispatchEvent(new Event('pagehide'));
  unbind();
  page.abort();
  Object.assign(page, new AbortController());
  document.body.innerHTML = '';
  vi.useRealTimers();
  vi.unstubAllGlobals();
  delete (window as { jQuery?: unknown }).jQuery;
});

describe('bindForms: forms opted in from the script tag', () => {
  it('binds an unmarked form that data-forms selects, and leaves the others', async () => {
    bind({ forms: 'form.wpcf7-form-x, #quote' });
    render(`<form id="quote" aria-label="Quote">${CONTACT}</form><form id="other">${CONTACT}</form>`);
    submit(document.querySelector('#other')!);
    submit(document.querySelector('#quote')!);
    await tick();
    expect(names()).toEqual(['Quote']);
  });

  it('binds with auto a contact form, never a login', async () => {
    bind({ forms: 'auto' });
    render(
      `<form id="login" aria-label="Login"><input type="email" name="email" value="ada@example.com"><input type="password" name="pw" value="secret"><button type="submit">Log in</button></form>` +
        `<form id="contact" aria-label="Contact">${CONTACT}</form>`,
    );
    submit(document.querySelector('#login')!);
    submit(document.querySelector('#contact')!);
    await tick();
    expect(names()).toEqual(['Contact']);
  });

  it('applies the configuration at the submit, as if the markup said it', async () => {
    bind({
      configure: [
        { '#quote': { label: 'Quote', tags: 'web' }, '[name=name]': { field: 'name' }, '.internal': { ignore: true } },
      ],
    });
    render(`<form id="quote"><div class="internal"><input name="ref" value="x-1"></div>${CONTACT}</form>`);
    submit(document.querySelector('form')!);
    await tick();
    const [[snapshot]] = delivered as [Delivered];
    expect(snapshot).toMatchObject({ form: 'Quote', tags: ['web'] });
    expect(snapshot.controls.find((control) => control.name == 'name')).toMatchObject({ field: 'name' });
    expect(snapshot.controls.map((control) => control.name)).not.toContain('ref');
  });
});

describe('bindForms: submissions the page prevents', () => {
  it('waits for the request the page starts, then sends', async () => {
    bind();
    const form = render(`<form data-flowmatix="Contact">${CONTACT}</form>`);
    prevent(form);
    submit(form);
    await tick();
    expect(delivered).toEqual([]);
    report([{ initiatorType: 'fetch', name: `${location.origin}/api/flowmatix/lead`, startTime: performance.now() }]);
    expect(delivered).toEqual([]);
    report([
      { initiatorType: 'fetch', name: `${location.origin}/contact`, startTime: performance.now(), responseStatus: 200 },
    ]);
    expect(names()).toEqual(['Contact']);
  });

  it('drops it with not_submitted when nothing shows that the page sent it', async () => {
    bind();
    const form = render(`<form data-flowmatix="Contact">${CONTACT}</form>`);
    prevent(form);
    submit(form);
    await vi.advanceTimersByTimeAsync(SUBMISSION_WAIT_MS + 1000);
    expect(delivered).toEqual([]);
    expect(failed).toEqual(['not_submitted']);
  });

  it('sends one lead when the visitor fixes the form and submits again', async () => {
    bind();
    const form = render(`<form data-flowmatix="Contact">${CONTACT}</form>`);
    prevent(form);
    submit(form);
    await vi.advanceTimersByTimeAsync(3000);
    form.querySelector<HTMLInputElement>('[name=name]')!.value = 'Ada King';
    submit(form);
    await tick();
    report([{ initiatorType: 'xmlhttprequest', name: `${location.origin}/contact`, startTime: performance.now() }]);
    await vi.advanceTimersByTimeAsync(SUBMISSION_WAIT_MS * 2);
    expect(delivered.map(([snapshot]) => snapshot.controls[0]!.value)).toEqual(['Ada King']);
    expect(failed).toEqual(['not_submitted']);
  });

  it('skips at once a submit a validation library marked invalid', async () => {
    bind();
    const form = render(`<form data-flowmatix="Contact"><div class="form-group has-danger">${CONTACT}</div></form>`);
    prevent(form);
    submit(form);
    await vi.advanceTimersByTimeAsync(SUBMISSION_WAIT_MS + 1000);
    expect(delivered).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('sends when the page goes away after the submit', async () => {
    bind();
    const form = render(`<form data-flowmatix="Contact">${CONTACT}</form>`);
    prevent(form);
    submit(form);
    await tick();
    dispatchEvent(new Event('pagehide'));
    expect(names()).toEqual(['Contact']);
  });
});

describe("bindForms: builders' own signals", () => {
  const CF7 = `<div class="wpcf7"><form class="wpcf7-form" aria-label="Contact form">${CONTACT}</form></div>`;

  it('holds a builder form even when the page does not prevent its submit, until its success', async () => {
    bind({ forms: 'auto' });
    const form = render(CF7);
    submit(form);
    await tick();
    report([
      {
        initiatorType: 'fetch',
        name: `${location.origin}/wp-json/contact-form-7/v1/contact-forms/1/feedback`,
        startTime: performance.now(),
      },
    ]);
    expect(delivered).toEqual([]);
    form.dispatchEvent(new CustomEvent('wpcf7mailsent', { bubbles: true, detail: { status: 'mail_sent' } }));
    expect(names()).toEqual(['Contact form']);
  });

  it('drops on its spam verdict', async () => {
    bind({ forms: 'auto' });
    const form = render(CF7);
    submit(form);
    await tick();
    form.dispatchEvent(new CustomEvent('wpcf7spam', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(SUBMISSION_WAIT_MS);
    expect(delivered).toEqual([]);
    expect(failed).toEqual(['not_submitted']);
  });

  it("hears jQuery-triggered signals through the page's jQuery", async () => {
    bind({ forms: '.elementor-form' });
    const form = render(`<form class="elementor-form" name="New Form">${CONTACT}</form>`);
    prevent(form);
    submit(form);
    await tick();
    jQuery(form).trigger('submit_success', { message: 'Sent' });
    expect(names()).toEqual(['New Form']);
  });

  it('sends a Gravity Forms form sent back with errors once it is fixed, its markers notwithstanding', async () => {
    bind({ forms: 'auto' });
    const form = render(
      `<div class="gform_wrapper"><form id="gform_1" target="gform_ajax_frame_1">${CONTACT.replace('name="name"', 'name="name" aria-invalid="true"')}</form></div>`,
    );
    submit(form);
    await tick();
    jQuery(document).trigger('gform_confirmation_loaded', [1]);
    expect(delivered).toHaveLength(1);
  });

  it('lets data-flowmatix-confirm win over the recipe', async () => {
    bind({ forms: 'auto', configure: [{ '.wpcf7-form': { confirm: 'contact:sent' } }] });
    const form = render(CF7);
    prevent(form);
    submit(form);
    await tick();
    expect(delivered.map(([, , confirm]) => confirm)).toEqual(['contact:sent']);
  });

  it('captures the values of a HubSpot form in a frame of an opted-in container only', async () => {
    bind({ forms: '.hbspt-form' });
    const refused = quietIframeLoading();
    document.body.innerHTML = '<div class="hbspt-form"><iframe title="Form 0"></iframe></div>';
    refused.expectRefused('about:blank');
    const framed = document.querySelector('iframe')!;
    const post = (source: Window | null) =>
      dispatchEvent(
        new MessageEvent('message', {
          origin: location.origin,
          source,
          data: {
            type: 'hsFormCallback',
            eventName: 'onFormSubmitted',
            id: 'df89',
            data: { submissionValues: { email: 'ada@example.com', firstname: 'Ada' } },
          },
        }),
      );
    // From no frame of the page: nothing opts it in.
    post(window);
    post(framed.contentWindow);
    expect(delivered).toHaveLength(1);
    const [[snapshot, target]] = delivered as [Delivered];
    expect(target).toBe(framed);
    expect(snapshot.controls).toEqual([
      { name: 'email', value: 'ada@example.com' },
      { name: 'firstname', value: 'Ada' },
    ]);
  });
});
