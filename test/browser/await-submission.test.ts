import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  awaitSubmission,
  isMarkedInvalid,
  SUBMISSION_WAIT_MS,
  type HeldSubmission,
} from '../../src/browser/await-submission';
import { BUILDER_RECIPES } from '../../src/browser/builder-recipes';

// Resource Timing as the browser reports it: the test hands entries to whatever observer the code made.
let report: (entries: object[]) => void;
// Entries the browser has but has not delivered yet: what `takeRecords` hands over, to the test's own observer
// (those of earlier tests still listen).
let pending: object[] = [];
let latest: FakeObserver | undefined;
class FakeObserver {
  constructor(callback: (list: { getEntries(): object[] }) => void) {
    report = (entries) => callback({ getEntries: () => entries });
    latest = this;
  }
  observe() {}
  takeRecords() {
    return this === latest ? pending.splice(0) : [];
  }
}

const recipe = (signal: string) =>
  BUILDER_RECIPES.find((candidate) => [...candidate.ok, ...candidate.fail].includes(signal))!;
const hide = (element: Element) => Object.assign(element, { getClientRects: () => [] });

let ends: boolean[];
const held = (form: HTMLFormElement, extra: Partial<HeldSubmission> = {}): HeldSubmission => ({
  form,
  since: performance.now(),
  end: (sent) => ends.push(sent),
  ...extra,
});
const form = (html = '<input name="email">', attributes = '') => {
  document.body.insertAdjacentHTML('beforeend', `<div><form ${attributes}>${html}</form></div>`);
  return document.body.lastElementChild!.firstElementChild as HTMLFormElement;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'performance', 'Date'] });
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL('https://shop.example/contact');
  document.body.innerHTML = '';
  ends = [];
  pending = [];
});

afterEach(() => {
  // Ends what the test left waiting, so that no later test hears of it.
  dispatchEvent(new Event('pagehide'));
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('isMarkedInvalid', () => {
  it.each([
    ['aria-invalid', '<input aria-invalid="true">'],
    ['Bootstrap', '<input class="form-control is-invalid">'],
    ['Pristine', '<div class="form-group has-danger"><input></div>'],
    ['Parsley', '<input class="parsley-error">'],
    ['jquery-validation', '<input class="error"><label class="error">Required</label>'],
  ])('sees the marker %s sets', (_library, html) => {
    expect(isMarkedInvalid(form(html))).toBe(true);
  });

  it('reads an error message box or aria-invalid=false as no rejection', () => {
    expect(
      isMarkedInvalid(
        form('<input aria-invalid="false"><label class="error">Required</label><div class="error">x</div>'),
      ),
    ).toBe(false);
  });
});

describe('awaitSubmission', () => {
  it('sends when the page requests its own site after the submit, and not before', () => {
    const waits = awaitSubmission(() => false);
    const contact = form();
    vi.advanceTimersByTime(100);
    waits.hold(held(contact));
    report([{ initiatorType: 'fetch', name: `${location.origin}/api/contact`, startTime: 50 }]);
    expect(ends).toEqual([]);
    report([{ initiatorType: 'img', name: `${location.origin}/pixel.gif`, startTime: 150 }]);
    expect(ends).toEqual([]);
    report([
      { initiatorType: 'xmlhttprequest', name: `${location.origin}/api/contact`, startTime: 150, responseStatus: 200 },
    ]);
    expect(ends).toEqual([true]);
  });

  it('counts a request to the form action, to a sibling host, or a beacon; not one to another site or its own', () => {
    const waits = awaitSubmission((url) => url.includes('/api/flowmatix/'));
    const contact = form('<input name="email">', 'action="https://formspree.io/f/abc"');
    waits.hold(held(contact));
    report([
      { initiatorType: 'beacon', name: 'https://www.google-analytics.com/g/collect', startTime: 1 },
      { initiatorType: 'fetch', name: `${location.origin}/api/flowmatix/lead`, startTime: 1 },
    ]);
    expect(ends).toEqual([]);
    report([{ initiatorType: 'fetch', name: 'https://formspree.io/f/abc', startTime: 1 }]);
    expect(ends).toEqual([true]);
    const other = form();
    waits.hold(held(other));
    report([{ initiatorType: 'beacon', name: `${location.protocol}//api.${location.hostname}/leads`, startTime: 1 }]);
    expect(ends).toEqual([true, true]);
  });

  it('drops on an answer of 400 or more, and when the form is marked invalid by the time of the request', () => {
    const waits = awaitSubmission(() => false);
    waits.hold(held(form()));
    report([{ initiatorType: 'fetch', name: `${location.origin}/api/contact`, startTime: 1, responseStatus: 422 }]);
    const marked = form();
    waits.hold(held(marked));
    marked.querySelector('input')!.setAttribute('aria-invalid', 'true');
    report([{ initiatorType: 'fetch', name: `${location.origin}/api/contact`, startTime: 1, responseStatus: 200 }]);
    expect(ends).toEqual([false, false]);
  });

  it('sends when the form is hidden or replaced by a success message', () => {
    const waits = awaitSubmission(() => false);
    const hidden = form();
    const removed = form();
    waits.hold(held(hidden));
    waits.hold(held(removed));
    vi.advanceTimersByTime(1000);
    expect(ends).toEqual([]);
    hide(hidden);
    removed.parentElement!.innerHTML = '<p>Thank you!</p>';
    vi.advanceTimersByTime(300);
    expect(ends).toEqual([true, true]);
  });

  it('sends when the page resets the form after the submit, though no request was seen (an answer never read)', () => {
    const waits = awaitSubmission(() => false);
    const [contact, other] = [form(), form()];
    waits.hold(held(contact));
    other.reset();
    vi.advanceTimersByTime(1);
    expect(ends).toEqual([]);
    contact.reset();
    expect(ends).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ends).toEqual([true]);
  });

  it("counts a reset in the page's submit handler, before the hold; not one before the submit, nor a builder's", () => {
    const waits = awaitSubmission(() => false);
    const [early, synchronous, builder] = [form(), form(), form('<input name="email">', 'class="wpcf7-form"')];
    early.reset();
    vi.advanceTimersByTime(100);
    const since = performance.now();
    synchronous.reset();
    builder.reset();
    // The hold comes in the task after the submit, before the reset is weighed.
    waits.hold(held(early, { since }));
    waits.hold(held(builder, { since, recipe: recipe('wpcf7mailsent') }));
    waits.hold(held(synchronous, { since }));
    vi.advanceTimersByTime(1);
    expect(ends).toEqual([true]);
  });

  it('sends only the new submission when the page resets the form in the handler of the submit that replaces one', () => {
    const waits = awaitSubmission(() => false);
    const contact = form();
    const sent: string[] = [];
    // The first submission: the page's own check refused it, and marked nothing.
    waits.hold(held(contact, { end: (ok) => ok && sent.push('refused values') }));
    vi.advanceTimersByTime(3000);
    const since = performance.now();
    contact.reset();
    waits.hold(held(contact, { since, end: (ok) => ok && sent.push('corrected values') }));
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(['corrected values']);
  });

  it('drops on a reset when a control is marked invalid by then, or when an answer of 400 is known already', () => {
    const waits = awaitSubmission(() => false);
    const [marked, refused] = [form('<input name="email" aria-invalid="true">'), form()];
    waits.hold(held(marked));
    marked.reset();
    vi.advanceTimersByTime(1);
    waits.hold(held(refused));
    // The page resets the form once its request failed, before the observer has delivered the entry.
    pending = [
      { initiatorType: 'fetch', name: `${location.origin}/api/contact`, startTime: 5000, responseStatus: 422 },
    ];
    refused.reset();
    vi.advanceTimersByTime(1);
    expect(ends).toEqual([false, false]);
  });

  it('counts a reset where the observer cannot hand over undelivered entries', () => {
    vi.stubGlobal(
      'PerformanceObserver',
      class {
        observe() {}
      },
    );
    const waits = awaitSubmission(() => false);
    const contact = form();
    waits.hold(held(contact));
    contact.reset();
    vi.advanceTimersByTime(1);
    expect(ends).toEqual([true]);
  });

  it('ignores a reset the page cancels', () => {
    const waits = awaitSubmission(() => false);
    const contact = form();
    contact.addEventListener('reset', (event) => event.preventDefault());
    waits.hold(held(contact));
    contact.reset();
    vi.advanceTimersByTime(1);
    expect(ends).toEqual([]);
  });

  it(`drops with nothing after ${SUBMISSION_WAIT_MS} ms`, () => {
    const waits = awaitSubmission(() => false);
    waits.hold(held(form()));
    vi.advanceTimersByTime(SUBMISSION_WAIT_MS - 500);
    expect(ends).toEqual([]);
    vi.advanceTimersByTime(1000);
    expect(ends).toEqual([false]);
  });

  it('ends a waiting submission unsent when the same form is submitted again: one lead when the visitor fixes it', () => {
    const waits = awaitSubmission(() => false);
    const contact = form();
    waits.hold(held(contact, { end: (sent) => ends.push(sent && false) }));
    vi.advanceTimersByTime(3000);
    waits.hold(held(contact));
    expect(ends).toEqual([false]);
    report([{ initiatorType: 'fetch', name: `${location.origin}/api/contact`, startTime: performance.now() }]);
    vi.advanceTimersByTime(SUBMISSION_WAIT_MS * 2);
    expect(ends).toEqual([false, true]);
  });

  it('sends what waits when the page goes away: it navigates after the submit', () => {
    const waits = awaitSubmission(() => false);
    waits.hold(held(form()));
    waits.hold(held(form('<input>', 'class="wpcf7-form"'), { recipe: recipe('wpcf7mailsent') }));
    dispatchEvent(new Event('pagehide'));
    expect(ends).toEqual([true, true]);
  });

  it("drops on leaving a form marked invalid, unless a builder's, whose marks are its own", () => {
    const waits = awaitSubmission(() => false);
    waits.hold(held(form('<input aria-invalid="true">')));
    waits.hold(held(form('<input aria-invalid="true">', 'class="wpcf7-form"'), { recipe: recipe('wpcf7mailsent') }));
    dispatchEvent(new Event('pagehide'));
    expect(ends).toEqual([false, true]);
  });

  it("ends a builder's form on its own signals only, on the form that sent it", () => {
    const waits = awaitSubmission(() => false);
    const cf7 = recipe('wpcf7mailsent');
    const first = form('<input>', 'class="wpcf7-form"');
    const second = form('<input>', 'class="wpcf7-form"');
    waits.hold(held(first, { recipe: cf7 }));
    waits.hold(held(second, { recipe: cf7 }));
    report([
      {
        initiatorType: 'fetch',
        name: `${location.origin}/wp-json/contact-form-7/v1/contact-forms/1/feedback`,
        startTime: 1,
      },
    ]);
    hide(first);
    vi.advanceTimersByTime(1000);
    expect(ends).toEqual([]);
    expect(waits.signal('submit_success', first)).toBe(false);
    expect(waits.signal('wpcf7spam', second)).toBe(true);
    expect(waits.signal('wpcf7mailsent', first)).toBe(true);
    expect(ends).toEqual([false, true]);
  });

  it('ends every waiting form of a builder on a signal to document, and reads its data', () => {
    const waits = awaitSubmission(() => false);
    const ninja = recipe('nfFormSubmitResponse');
    waits.hold(held(form('<input>'), { recipe: ninja }));
    expect(
      waits.signal('nfFormSubmitResponse', document, { response: { errors: { fields: { 1: 'Required' } } } }),
    ).toBe(true);
    waits.hold(held(form('<input>'), { recipe: ninja }));
    expect(waits.signal('nfFormSubmitResponse', document, { response: { errors: [] } })).toBe(true);
    expect(waits.signal('nfFormSubmitResponse', document, { response: { errors: [] } })).toBe(false);
    expect(ends).toEqual([false, true]);
  });

  it("reads Webflow's protocol with the plain rules: its fail box keeps the form, its done box hides it", () => {
    const waits = awaitSubmission(() => false);
    const add = () => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<div class="w-form"><form><input type="email"></form><div class="w-form-done"></div><div class="w-form-fail"></div></div>',
      );
      return document.body.lastElementChild!.querySelector('form')!;
    };
    const failing = add();
    const passing = add();
    waits.hold(held(failing));
    waits.hold(held(passing));
    // Webflow posts to its own site: no evidence.
    report([
      {
        initiatorType: 'xmlhttprequest',
        name: 'https://webflow.com/api/v1/form/123',
        startTime: 1,
        responseStatus: 200,
      },
    ]);
    vi.advanceTimersByTime(1000);
    expect(ends).toEqual([]);
    hide(passing);
    vi.advanceTimersByTime(300);
    expect(ends).toEqual([true]);
    vi.advanceTimersByTime(SUBMISSION_WAIT_MS);
    expect(ends).toEqual([true, false]);
  });
});
