import { describe, expect, it, vi } from 'vitest';
import { captureLead, type CaptureDetail } from '../../src/browser/capture-lead';
import { EVENTS } from '../../src/browser/events';
import type { LeadSnapshot } from '../../src/shared/lead-snapshot';

const context = {
  form: 'Newsletter',
  at: '2025-05-01T10:00:00.000Z',
  controls: [{ name: 'email', type: 'email', value: 'ada@example.com' }],
};
const delivery = () =>
  vi.fn((_snapshot: LeadSnapshot, _target: EventTarget, _confirm?: string): string | void => 'key-1');

describe('captureLead', () => {
  it('announces the snapshot with a bubbling, cancelable flowmatix:capture, then delivers it', () => {
    history.replaceState(null, '', '/news');
    const deliver = delivery();
    const seen = vi.fn((event: Event) => {
      expect([event.bubbles, event.cancelable]).toEqual([true, true]);
      expect((event as CustomEvent<CaptureDetail>).detail).toEqual({
        snapshot: { v: 2, page: '/news', dialCode: '+44', ...context },
        lead: {},
      });
    });
    document.addEventListener(EVENTS.capture, seen, { once: true });
    const key = captureLead(context, document.body, { deliver, defaultDialCode: '+44' });
    history.replaceState(null, '', '/');
    expect(key).toBe('key-1');
    expect(seen).toHaveBeenCalledOnce();
    expect(deliver).toHaveBeenCalledWith(
      { v: 2, page: '/news', dialCode: '+44', ...context },
      document.body,
      undefined,
    );
    expect(deliver.mock.calls[0]![0]).not.toHaveProperty('lead');
  });

  it('delivers what listeners edited in the snapshot, and the lead values they set', () => {
    const deliver = delivery();
    const edit = (event: Event) => {
      const { snapshot, lead } = (event as CustomEvent<CaptureDetail>).detail;
      snapshot.controls.push({ name: 'plan', value: 'Pro' });
      lead.name = 'Ada Lovelace';
      lead.tags = ['edited'];
    };
    document.addEventListener(EVENTS.capture, edit, { once: true });
    captureLead({ ...context, controls: [...context.controls] }, document, { deliver }, 'contact:sent');
    expect(deliver).toHaveBeenCalledWith(
      expect.objectContaining({
        controls: [...context.controls, { name: 'plan', value: 'Pro' }],
        lead: { name: 'Ada Lovelace', tags: ['edited'] },
      }),
      document,
      'contact:sent',
    );
  });

  it('fits what it delivers to the relay body cap', () => {
    const deliver = delivery();
    captureLead({ ...context, controls: [{ name: 'message', value: 'x'.repeat(40_000) }] }, document, { deliver });
    const sent = deliver.mock.calls[0]![0];
    expect(sent.controls.at(-1)).toEqual({ name: 'flowmatix-cut', value: '1 value(s) cut to fit' });
    expect(new Blob([JSON.stringify(sent)]).size).toBeLessThanOrEqual(15 * 1024);
  });

  it('delivers nothing when a listener cancels', () => {
    const deliver = delivery();
    document.addEventListener(EVENTS.capture, (event) => event.preventDefault(), { once: true });
    expect(captureLead(context, document, { deliver })).toBeUndefined();
    expect(deliver).not.toHaveBeenCalled();
  });
});
