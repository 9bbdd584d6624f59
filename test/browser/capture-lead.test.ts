import { describe, expect, it, vi } from 'vitest';
import { captureLead } from '../../src/browser/capture-lead';
import { EVENTS } from '../../src/browser/events';
import type { LeadDraft } from '../../src/browser/lead-draft';
import { normalizeBrowserLead } from '../../src/relay/normalize-browser-lead';

const context = { form: 'Newsletter', page: '/', at: '2025-05-01T10:00:00.000Z' };
const fields = [{ label: 'Email', value: 'ada@example.com', role: 'email' as const }];

describe('captureLead', () => {
  it('announces the lead with a bubbling, cancelable flowmatix:capture, then delivers it with its identity', () => {
    const deliver = vi.fn((_draft: LeadDraft, _target: EventTarget, _confirm?: string) => 'key-1');
    const seen = vi.fn((event: Event) => expect([event.bubbles, event.cancelable]).toEqual([true, true]));
    document.addEventListener(EVENTS.capture, seen, { once: true });
    const key = captureLead(fields, context, document.body, { deliver, identity: () => ({ uuid: 'u', botId: 'b', customerId: undefined }) });
    expect(key).toBe('key-1');
    expect(seen).toHaveBeenCalledOnce();
    expect(deliver).toHaveBeenCalledWith(expect.objectContaining({ uuid: 'u', botId: 'b', email: 'ada@example.com' }), document.body, undefined);
    expect(deliver.mock.calls[0]![0]).not.toHaveProperty('customerId');
  });

  it('delivers what listeners edited, fitted to the limits (by the relay)', () => {
    const deliver = vi.fn((_draft: LeadDraft, _target: EventTarget, _confirm?: string) => undefined);
    const edit = (event: Event) => {
      const { lead } = (event as CustomEvent).detail;
      lead.name = 'x'.repeat(300);
      lead.tags.push('edited');
    };
    document.addEventListener(EVENTS.capture, edit, { once: true });
    captureLead(fields, context, document, { deliver, identity: () => ({}) }, 'contact:sent');
    expect(deliver).toHaveBeenCalledWith(expect.objectContaining({ tags: ['edited'] }), document, 'contact:sent');
    expect(normalizeBrowserLead({ ...deliver.mock.calls[0]![0] })).toMatchObject({ name: 'x'.repeat(200), tags: ['edited'] });
  });

  it('delivers nothing when a listener cancels', () => {
    const deliver = vi.fn();
    document.addEventListener(EVENTS.capture, (event) => event.preventDefault(), { once: true });
    expect(captureLead(fields, context, document, { deliver, identity: () => ({}) })).toBeUndefined();
    expect(deliver).not.toHaveBeenCalled();
  });
});
