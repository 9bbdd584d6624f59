import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseWidgetText, readWidgetIdentity } from '../../src/browser/read-widget-identity';
import { quietIframeLoading } from './quiet-iframe-loading';

const id = fc.stringMatching(/^[\w-]{1,128}$/);
const blank = fc.stringMatching(/^[ \t\r\n]{0,4}$/);
const quote = fc.constantFrom('', '"', "'", '`');

afterEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('readWidgetIdentity', () => {
  it('reads the text of script#flowmatix-messenger-widget', () => {
    document.body.innerHTML = `<script id="flowmatix-messenger-widget" type="text/plain" src="https://cdn.flowmatix.ai/flowmatix.js">
      b0b0b0,c1c1c1
    </script>`;
    expect(readWidgetIdentity(document)).toEqual({ botId: 'b0b0b0', customerId: 'c1c1c1' });
  });

  it('falls back to any script loaded from …/flowmatix.js', () => {
    document.head.innerHTML = `<script type="text/plain" src="/assets/app.js">x,y</script>
      <script type="text/plain" src="https://cdn.example.net/widgets/flowmatix.js?v=3">b1,c1</script>`;
    expect(readWidgetIdentity(document)).toEqual({ botId: 'b1', customerId: 'c1' });
  });

  it('ignores the companion itself and other scripts', () => {
    document.head.innerHTML = `<script type="text/plain" src="/flowmatix-leads.js">b1,c1</script>
      <script type="text/plain" src="/my-flowmatix.jsx">b2,c2</script>`;
    expect(readWidgetIdentity(document)).toBeUndefined();
  });

  it('reads an embedded hosted bot page', () => {
    const refused = quietIframeLoading();
    document.body.innerHTML = `<iframe src="https://page.flowmatix.ai/b2/c2"></iframe>`;
    expect(readWidgetIdentity(document)).toEqual({ botId: 'b2', customerId: 'c2' });
    refused.expectRefused('https://page.flowmatix.ai/b2/c2');
  });

  it('answers undefined while the widget tag holds placeholders or nothing', () => {
    document.body.innerHTML = `<script id="flowmatix-messenger-widget" type="text/plain">BOT_ID</script>`;
    expect(readWidgetIdentity(document)).toBeUndefined();
  });
});

describe('parseWidgetText', () => {
  it('reads "BotId,CustomerId"', () => {
    expect(parseWidgetText('64f0c0ffee01,64f0c0ffee02')).toEqual({ botId: '64f0c0ffee01', customerId: '64f0c0ffee02' });
  });

  it('tolerates whitespace, newlines, quotes and a trailing comma', () => {
    expect(parseWidgetText('\n    "6530a1b2c3", \'6530d4e5f6\',\n  ')).toEqual({
      botId: '6530a1b2c3',
      customerId: '6530d4e5f6',
    });
    expect(parseWidgetText('`a1` ,\t`b2`')).toEqual({ botId: 'a1', customerId: 'b2' });
  });

  it('reads the hosted bot page URL form', () => {
    expect(parseWidgetText('https://page.flowmatix.ai/6530a1b2c3/6530d4e5f6')).toEqual({
      botId: '6530a1b2c3',
      customerId: '6530d4e5f6',
    });
    expect(parseWidgetText(' https://page.flowmatix.ai/b-1/c_2/?utm_source=x ')).toEqual({
      botId: 'b-1',
      customerId: 'c_2',
    });
  });

  it('answers undefined for text that holds no id pair', () => {
    for (const text of [
      '',
      'BOT_ID',
      'a,b,c',
      'a, b c',
      'a;b',
      '{"botId":"a"}',
      'https://example.com/a/b',
      'a,'.repeat(3),
    ]) {
      expect(parseWidgetText(text)).toBeUndefined();
    }
    expect(parseWidgetText(`${'a'.repeat(129)},b`)).toBeUndefined();
  });

  it('reads back any id pair however it is spaced and quoted', () => {
    fc.assert(
      fc.property(id, id, blank, blank, blank, quote, (botId, customerId, b1, b2, b3, q) => {
        const text = `${b1}${q}${botId}${q}${b2},${b3}${q}${customerId}${q}${b1}`;
        expect(parseWidgetText(text)).toEqual({ botId, customerId });
      }),
    );
  });

  it('never throws, and answers ids the relay accepts or undefined', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = parseWidgetText(text);
        if (result) {
          expect(result.botId).toMatch(/^[\w-]{1,128}$/);
          expect(result.customerId).toMatch(/^[\w-]{1,128}$/);
        } else expect(result).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});
