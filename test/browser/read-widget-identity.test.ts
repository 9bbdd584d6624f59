import { afterEach, describe, expect, it } from 'vitest';
import { readWidgetIdentity } from '../../src/browser/read-widget-identity';
import { quietIframeLoading } from './quiet-iframe-loading';

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
