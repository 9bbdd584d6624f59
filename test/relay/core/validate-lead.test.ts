import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateLead, validateLeadFields } from '../../../src/relay/core/validate-lead';
import { BOT, UUID } from './relay-harness';

describe('validateLeadFields', () => {
  it('finishes and checks the optional fields without asking for identity', () => {
    const { fields, dropped } = validateLeadFields({
      name: '  Ada   Lovelace ',
      email: 'ada@',
      notes: [{ title: 'Message', description: 'Hi' }, 5],
      tags: ['web', 'web', ''],
    });
    expect(fields).toEqual({ name: 'Ada Lovelace', notes: [{ title: 'Message', description: 'Hi' }], tags: ['web'] });
    expect(dropped.map((field) => field.name)).toEqual(['email', 'notes[1]']);
  });

  it('never reads identity or keys the schema does not know', () => {
    const { fields } = validateLeadFields({ uuid: UUID, ...BOT, status: 'CLOSED', region: 'HU', name: 'Ada' });
    expect(fields).toEqual({ name: 'Ada' });
  });

  it('is what validateLead adds to a valid identity, for any body', () => {
    const body = fc.record(
      {
        name: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 1 })),
        email: fc.oneof(fc.emailAddress(), fc.string()),
        phone: fc.oneof(fc.stringMatching(/^[\d +()-]{0,16}$/), fc.jsonValue({ maxDepth: 1 })),
        dialCode: fc.constantFrom('+1', '+36', 'India (+91)', 'x'),
        notes: fc.oneof(
          fc.array(fc.record({ title: fc.string(), description: fc.string() }), { maxLength: 45 }),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        tags: fc.oneof(fc.array(fc.string(), { maxLength: 65 }), fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(body, (sent) => {
        const whole = validateLead({ uuid: UUID, ...BOT, ...sent });
        const alone = validateLeadFields(sent);
        expect(whole).toEqual({ ok: true, lead: { uuid: UUID, ...BOT, ...alone.fields }, dropped: alone.dropped });
      }),
      { numRuns: 300 },
    );
  });
});
