import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findCompanionScript, readScriptConfig } from '../../src/browser/read-script-config';
import { normalizeBrowserLead } from '../../src/relay/core/normalize-browser-lead';

const tag = (attributes: string) => {
  document.body.innerHTML = `<script type="text/plain" src="https://cdn.example.net/flowmatix-leads.js" ${attributes}></script>`;
  return document.body.firstElementChild!;
};

describe('readScriptConfig', () => {
  it('defaults to the same-origin relay path, left for the browser to resolve against the page', () => {
    expect(readScriptConfig(tag(''), 'https://shop.example/products/cake?x=1')).toEqual({
      relay: '/api/flowmatix/lead',
      debug: false,
    });
  });

  it('reads every attribute of the tag', () => {
    const config = readScriptConfig(
      tag(
        'data-relay="/leads" data-uuid-key="bp-visitor" data-uuid-wait="30" data-bot-id=" b1 " data-customer-id="c1" data-default-dial-code="91" data-debug',
      ),
      'https://shop.example/contact',
    );
    expect(config).toEqual({
      relay: '/leads',
      uuidKey: 'bp-visitor',
      uuidWait: 30,
      botId: 'b1',
      customerId: 'c1',
      defaultDialCode: '91',
      debug: true,
    });
  });

  it('reads data-forms as written, and data-configure as JSON', () => {
    const config = readScriptConfig(
      tag(`data-forms=" .wpcf7-form, .wpforms-form " data-configure='{"form.wpcf7-form":{"label":"Contact"}}'`),
      '/',
    );
    expect(config).toMatchObject({
      forms: '.wpcf7-form, .wpforms-form',
      configure: { 'form.wpcf7-form': { label: 'Contact' } },
    });
    expect(readScriptConfig(tag('data-forms="auto"'), '/').forms).toBe('auto');
  });

  it('ignores data-configure that is no JSON, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(readScriptConfig(tag(`data-configure="{form: {label: 'Contact'}}"`), '/').configure).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('[flowmatix-leads]', 'ignored', 'data-configure', "{form: {label: 'Contact'}}");
    warn.mockRestore();
  });

  it('treats empty attributes as absent', () => {
    const config = readScriptConfig(
      tag('data-relay="" data-bot-id="" data-default-dial-code=" "'),
      'https://shop.example/',
    );
    expect(config).toEqual({ relay: '/api/flowmatix/lead', debug: false });
  });

  it('leaves the default dial code to the relay, which reads it as it reads dial-code fields', () => {
    const { defaultDialCode } = readScriptConfig(tag('data-default-dial-code="+999"'), 'https://shop.example/');
    expect(defaultDialCode).toBe('+999');
    const lead = normalizeBrowserLead({ phone: '020 7946 0958', dialCode: defaultDialCode });
    expect(lead).not.toHaveProperty('dialCode');
    expect(normalizeBrowserLead({ phone: '020 7946 0958', dialCode: '91' }).dialCode).toBe('+91');
  });

  it('reads data-uuid-wait as seconds, 0 and fractions included', () => {
    expect(readScriptConfig(tag('data-uuid-wait="0"'), 'https://shop.example/').uuidWait).toBe(0);
    expect(readScriptConfig(tag('data-uuid-wait=" 2.5 "'), 'https://shop.example/').uuidWait).toBe(2.5);
    expect(readScriptConfig(tag('data-uuid-wait=""'), 'https://shop.example/').uuidWait).toBeUndefined();
  });

  it('ignores a data-uuid-wait that is no number of seconds, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const value of ['soon', '-1', '15s']) {
      expect(
        readScriptConfig(tag(`data-uuid-wait="${value}"`), 'https://shop.example/').uuidWait,
        value,
      ).toBeUndefined();
      expect(warn).toHaveBeenLastCalledWith('[flowmatix-leads]', 'ignored', 'data-uuid-wait', value);
    }
    warn.mockRestore();
  });

  it('turns debug on with ?flowmatix-debug in the page URL', () => {
    expect(readScriptConfig(tag(''), 'https://shop.example/?flowmatix-debug').debug).toBe(true);
    expect(readScriptConfig(null, 'https://shop.example/?a=1&flowmatix-debug=1').debug).toBe(true);
    expect(readScriptConfig(null, 'https://shop.example/?flowmatix-debug#top').debug).toBe(true);
  });

  it('keeps debug off for look-alike parameters and for a fragment', () => {
    for (const url of [
      'https://shop.example/?flowmatix-debugger=1',
      'https://shop.example/?no-flowmatix-debug',
      'https://shop.example/flowmatix-debug',
      'https://shop.example/#?flowmatix-debug',
      'https://shop.example/?a=1#&flowmatix-debug',
    ]) {
      expect(readScriptConfig(null, url).debug, url).toBe(false);
    }
  });

  it('works without a tag (bundled use)', () => {
    expect(readScriptConfig(null, 'http://localhost:5173/')).toEqual({ relay: '/api/flowmatix/lead', debug: false });
  });
});

describe('findCompanionScript', () => {
  // The tags readScriptConfig's tests leave in the body would be found too.
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  afterEach(() => {
    vi.restoreAllMocks();
    document.head.innerHTML = '';
  });

  it('answers document.currentScript while a classic script runs (also defer and async)', () => {
    const own = document.createElement('script');
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(own);
    expect(findCompanionScript(document)).toBe(own);
  });

  it('finds its tag by src when there is no currentScript (type=module, tag managers)', () => {
    document.head.innerHTML = `<script type="text/plain" src="/js/app.js"></script>
      <script type="text/plain" data-bot-id="b" src="https://cdn.example.net/npm/flowmatix-leads@1/dist/flowmatix-leads.js?v=2#x"></script>
      <script type="text/plain" src="/flowmatix-leads.json"></script>`;
    expect(findCompanionScript(document)!.getAttribute('data-bot-id')).toBe('b');
  });

  it('accepts a minified file name and picks the last matching tag', () => {
    document.head.innerHTML = `<script type="text/plain" id="a" src="/flowmatix-leads.js"></script>
      <script type="text/plain" id="b" src="/static/flowmatix-leads.min.js"></script>`;
    expect(findCompanionScript(document)!.id).toBe('b');
  });

  it('answers null when the companion was bundled', () => {
    document.head.innerHTML = `<script type="text/plain" src="/assets/index-3f2a.js"></script>`;
    expect(findCompanionScript(document)).toBeNull();
  });
});
