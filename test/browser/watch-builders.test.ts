// @ts-expect-error jQuery ships no types, and the test needs only trigger and on.
import jQueryFactory from 'jquery';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchBuilders } from '../../src/browser/watch-builders';
import { quietIframeLoading } from './quiet-iframe-loading';

// jQuery as WordPress pages load it: the real library, on the page's window.
const jQuery = jQueryFactory as unknown as JQueryStaticLike;
type JQueryStaticLike = ((target: unknown) => {
  trigger(type: string, data?: unknown): void;
  on(types: string, fn: () => void): void;
}) & {
  fn: object;
};

// Fresh ones for each test: the listeners of earlier tests stay on the window, and call their own.
let heard: ReturnType<typeof vi.fn<(type: string, target?: unknown, data?: unknown) => boolean>>;
let posted: ReturnType<typeof vi.fn<(values: object, frame?: HTMLIFrameElement) => void>>;

beforeEach(() => {
  document.body.innerHTML = '<div class="wpcf7"><form class="wpcf7-form"><input name="your-email"></form></div>';
  heard = vi.fn(() => true);
  posted = vi.fn();
});

afterEach(() => {
  delete (window as { jQuery?: unknown }).jQuery;
});

const form = () => document.querySelector('form')!;
const message = (data: unknown, origin: string, source: unknown = window) =>
  dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));

describe('watchBuilders', () => {
  it('hears a DOM event a builder dispatches on its form, even when the page stops it', () => {
    watchBuilders(heard, posted);
    form().addEventListener('wpcf7mailsent', (event) => event.stopPropagation());
    document.addEventListener('wpcf7mailsent', (event) => event.stopImmediatePropagation(), true);
    form().dispatchEvent(new CustomEvent('wpcf7mailsent', { bubbles: true, detail: { status: 'mail_sent' } }));
    expect(heard).toHaveBeenCalledWith('wpcf7mailsent', form(), { status: 'mail_sent' });
  });

  it('hears jQuery events through the jQuery the page loaded after it, on the form and on document, once', () => {
    const listen = watchBuilders(heard, posted);
    (window as { jQuery?: unknown }).jQuery = jQuery;
    jQuery(form()).trigger('submit_success', { message: 'Sent' });
    expect(heard).not.toHaveBeenCalled();
    listen();
    listen();
    jQuery(form()).trigger('submit_success', { message: 'Sent' });
    jQuery(document).trigger('gform_confirmation_loaded', [1]);
    expect(heard.mock.calls).toEqual([
      ['submit_success', form(), { message: 'Sent' }],
      ['gform_confirmation_loaded', document, 1],
    ]);
  });

  it('listens to no jQuery event of a builder that dispatches DOM events', () => {
    const listen = watchBuilders(heard, posted);
    (window as { jQuery?: unknown }).jQuery = jQuery;
    listen();
    jQuery(form()).trigger('wpcf7spam');
    jQuery(form()).trigger('reset');
    expect(heard).not.toHaveBeenCalled();
  });

  it("takes HubSpot's callbacks from the page and HubSpot's origins only", () => {
    watchBuilders(heard, posted);
    const submitted = { type: 'hsFormCallback', eventName: 'onFormSubmitted', id: 'df89d099' };
    message(submitted, location.origin);
    message(submitted, 'https://forms.hsforms.com');
    message(submitted, 'https://forms-eu1.hsforms.com');
    message(submitted, 'https://evil.example');
    message(submitted, 'https://hsforms.com.evil.example');
    message(submitted, 'http://forms.hsforms.com');
    expect(heard.mock.calls.map(([type]) => type)).toEqual(['onFormSubmitted', 'onFormSubmitted', 'onFormSubmitted']);
  });

  it('hands the values of a HubSpot form in a frame to posted when no form waited for them', () => {
    watchBuilders(heard, posted);
    const refused = quietIframeLoading();
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div class="hbspt-form"><iframe class="hs-form-iframe" title="Contact"></iframe></div>',
    );
    refused.expectRefused('about:blank');
    const frame = document.querySelector('iframe')!;
    const values = { firstname: 'Ada', email: 'ada@example.com' };
    const data = {
      type: 'hsFormCallback',
      eventName: 'onFormSubmitted',
      id: 'df89d099',
      data: { submissionValues: values },
    };
    message(data, location.origin, frame.contentWindow);
    expect(posted).not.toHaveBeenCalled();
    heard.mockReturnValue(false);
    message(data, location.origin, frame.contentWindow);
    message(
      { ...data, eventName: 'onFormSubmit', data: [{ name: 'email', value: 'ada@example.com' }] },
      location.origin,
      frame.contentWindow,
    );
    message('not an object', location.origin);
    message(null, location.origin);
    expect(posted.mock.calls).toEqual([[values, frame]]);
  });
});
