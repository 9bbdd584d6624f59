import { describe, expect, it } from 'vitest';
import { limitLead } from '../../src/browser/limit-lead';
import { LEAD_LIMITS } from '../../src/shared/lead-limits';

describe('limitLead', () => {
  it('truncates text to the relay limits', () => {
    const lead = limitLead({
      name: 'n'.repeat(500),
      email: `${'e'.repeat(300)}@x.co`,
      notes: [{ title: 't'.repeat(300), description: 'd'.repeat(6000) }],
      attributes: [{ key: 'k'.repeat(200), value: 'v'.repeat(2000) }],
      consent: { text: 'c'.repeat(2000), at: '2025-05-01T10:00:00.000Z' },
    });
    expect(lead.name).toHaveLength(LEAD_LIMITS.name);
    expect(lead.email).toHaveLength(LEAD_LIMITS.email);
    expect(lead.notes![0]!.title).toHaveLength(LEAD_LIMITS.noteTitle);
    expect(lead.notes![0]!.description).toHaveLength(LEAD_LIMITS.noteDescription);
    expect(lead.attributes![0]!.key).toHaveLength(LEAD_LIMITS.attributeKey);
    expect(lead.attributes![0]!.value).toHaveLength(LEAD_LIMITS.attributeValue);
    expect(lead.consent!.text).toHaveLength(LEAD_LIMITS.consentText);
  });

  it('bounds the lists, and tags lose blanks and duplicates first', () => {
    const lead = limitLead({
      notes: Array.from({ length: 30 }, (_, i) => ({ title: `t${i}`, description: '' })),
      attributes: Array.from({ length: 70 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
      tags: ['a', ' a ', '', 'b'.repeat(150), ...Array.from({ length: 40 }, (_, i) => `t${i}`)],
    });
    expect(lead.notes).toHaveLength(LEAD_LIMITS.notes);
    expect(lead.notes![0]).toEqual({ title: 't0', description: '' });
    expect(lead.attributes).toHaveLength(LEAD_LIMITS.attributes);
    expect(lead.tags).toHaveLength(LEAD_LIMITS.tags);
    expect(lead.tags!.slice(0, 3)).toEqual(['a', 'b'.repeat(LEAD_LIMITS.tag), 't0']);
  });

  it('never splits a surrogate pair, removes control characters and keeps line breaks', () => {
    const lead = limitLead({ name: `${'a'.repeat(199)}😀`, notes: [{ title: 'x\u0007', description: 'line 1\r\nline 2\u0000' }] });
    expect(lead.name).toBe('a'.repeat(199));
    expect(lead.notes![0]).toEqual({ title: 'x', description: 'line 1\nline 2' });
  });

  it('drops undefined properties and keeps identity as it is', () => {
    expect(limitLead({ uuid: 'u', botId: undefined, email: 'a@b.co' })).toEqual({ uuid: 'u', email: 'a@b.co' });
    expect(Object.keys(limitLead({ uuid: 'u', botId: undefined }))).toEqual(['uuid']);
  });
});

describe('limitLead with empty lists', () => {
  it('leaves empty lists out, so they never replace what the chat already has', () => {
    expect(limitLead({ email: 'a@b.co', tags: ['', ' '], attributes: [], notes: [{ title: 'Form', description: '' }] })).toEqual({
      email: 'a@b.co',
      notes: [{ title: 'Form', description: '' }],
    });
  });
});
