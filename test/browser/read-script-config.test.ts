import { describe, expect, it } from 'vitest';
import { readScriptConfig } from '../../src/browser/read-script-config';

const tag = (attributes: string) => {
  document.body.innerHTML = `<script type="text/plain" src="https://cdn.example.net/flowmatix-leads.js" ${attributes}></script>`;
  return document.body.firstElementChild!;
};

describe('readScriptConfig', () => {
  it('defaults to the same-origin relay path, resolved against the page even when the script is on a CDN', () => {
    expect(readScriptConfig(tag(''), 'https://shop.example/products/cake?x=1')).toEqual({
      relay: 'https://shop.example/api/flowmatix/lead',
      debug: false,
    });
  });

  it('reads every attribute of the tag', () => {
    const config = readScriptConfig(
      tag('data-relay="/leads" data-uuid-key="bp-visitor" data-bot-id=" b1 " data-customer-id="c1" data-default-dial-code="91" data-debug'),
      'https://shop.example/contact',
    );
    expect(config).toEqual({
      relay: 'https://shop.example/leads',
      uuidKey: 'bp-visitor',
      botId: 'b1',
      customerId: 'c1',
      defaultDialCode: '+91',
      debug: true,
    });
  });

  it('treats empty attributes and an unknown dial code as absent', () => {
    const config = readScriptConfig(tag('data-relay="" data-bot-id="" data-default-dial-code="+999"'), 'https://shop.example/');
    expect(config).toEqual({ relay: 'https://shop.example/api/flowmatix/lead', debug: false });
  });

  it('turns debug on with ?flowmatix-debug in the page URL', () => {
    expect(readScriptConfig(tag(''), 'https://shop.example/?flowmatix-debug').debug).toBe(true);
    expect(readScriptConfig(null, 'https://shop.example/?a=1&flowmatix-debug=1').debug).toBe(true);
  });

  it('works without a tag (bundled use)', () => {
    expect(readScriptConfig(null, 'http://localhost:5173/')).toEqual({ relay: 'http://localhost:5173/api/flowmatix/lead', debug: false });
  });
});
