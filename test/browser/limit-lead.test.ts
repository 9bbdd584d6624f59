import { describe, expect, it } from 'vitest';
import { limitLead, MAX_TEXT } from '../../src/browser/limit-lead';
import { LEAD_LIMITS } from '../../src/shared/lead-limits';

// The relay fits each field to its own limit (test/relay/normalize-browser-lead.test.ts); the companion only keeps
// a lead's size within what the relay takes in.
describe('limitLead', () => {
  it('cuts every text at the longest the relay keeps, so one long message cannot make the lead too large', () => {
    expect(MAX_TEXT).toBe(LEAD_LIMITS.noteDescription);
    const lead = limitLead({
      name: 'n'.repeat(500),
      notes: [{ title: 'Message', description: 'd'.repeat(60_000) }],
      attributes: [{ key: 'k', value: 'v'.repeat(20_000) }],
    });
    expect(lead.name).toHaveLength(500);
    expect(lead.notes![0]!.description).toHaveLength(MAX_TEXT);
    expect(lead.attributes![0]!.value).toHaveLength(MAX_TEXT);
  });

  it('drops undefined properties and keeps identity as it is', () => {
    expect(limitLead({ uuid: 'u', botId: undefined, email: 'a@b.co' })).toEqual({ uuid: 'u', email: 'a@b.co' });
    expect(Object.keys(limitLead({ uuid: 'u', botId: undefined }))).toEqual(['uuid']);
  });

  it('answers a copy: later edits of the lead do not reach it', () => {
    const lead = { name: 'Ada', tags: ['a'] };
    const limited = limitLead(lead);
    lead.tags.push('b');
    expect(limited).toEqual({ name: 'Ada', tags: ['a'] });
  });
});

describe('limitLead with empty lists', () => {
  it('leaves empty lists out, so they never replace what the chat already has', () => {
    expect(limitLead({ email: 'a@b.co', tags: [], attributes: [], notes: [{ title: 'Form', description: '' }] })).toEqual({
      email: 'a@b.co',
      notes: [{ title: 'Form', description: '' }],
    });
  });
});
