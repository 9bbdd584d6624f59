import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchWidgetIdentity } from '../../src/browser/watch-widget-identity';

const widgetTag = (text: string) => {
  const script = document.createElement('script');
  script.id = 'flowmatix-messenger-widget';
  script.type = 'text/plain';
  script.textContent = text;
  return script;
};
const settle = () => new Promise((resolve) => setTimeout(resolve));

afterEach(() => {
  document.body.innerHTML = '';
});

describe('watchWidgetIdentity', () => {
  it('answers at once when the widget tag is already there', () => {
    document.body.append(widgetTag('b,c'));
    const found = vi.fn();
    watchWidgetIdentity(document, found);
    expect(found).toHaveBeenCalledExactlyOnceWith({ botId: 'b', customerId: 'c' });
  });

  it('finds a widget tag inserted after the companion ran, then stops observing', async () => {
    const found = vi.fn();
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    watchWidgetIdentity(document, found);
    document.body.append(document.createElement('div'));
    await settle();
    expect(found).not.toHaveBeenCalled();
    document.body.append(widgetTag('b1,c1'));
    await settle();
    expect(found).toHaveBeenCalledExactlyOnceWith({ botId: 'b1', customerId: 'c1' });
    expect(disconnect).toHaveBeenCalled();
    document.body.append(widgetTag('b2,c2'));
    await settle();
    expect(found).toHaveBeenCalledOnce();
    disconnect.mockRestore();
  });

  it('finds ids written into the tag after it was inserted', async () => {
    const tag = widgetTag('');
    document.body.append(tag);
    const found = vi.fn();
    watchWidgetIdentity(document, found);
    tag.textContent = 'b3,c3';
    await settle();
    expect(found).toHaveBeenCalledExactlyOnceWith({ botId: 'b3', customerId: 'c3' });
  });

  it('stops when asked', async () => {
    const found = vi.fn();
    watchWidgetIdentity(document, found)();
    document.body.append(widgetTag('b,c'));
    await settle();
    expect(found).not.toHaveBeenCalled();
  });
});
