import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHAT_STATUSES } from '../../src/shared/lead';
import { LEAD_LIMITS } from '../../src/shared/lead-limits';
import { leadFieldSchemas, leadInputSchema, upstreamLeadSchema } from '../../src/shared/lead-schema';

const identity = { uuid: '7e88d192-9b20-4035-9b68-d4ac3d58a34f', botId: '65f0c1d2e3a4b5c6d7e8f901', customerId: 'c-1' };

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map(({ path, message }) => ({ path, message }));
};

const times = <T>(count: number, make: (index: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

describe('leadInputSchema', () => {
  it('accepts a lead with identity only', () => {
    expect(leadInputSchema.parse(identity)).toEqual(identity);
  });

  it('accepts and normalizes a complete lead', () => {
    const lead = leadInputSchema.parse({
      ...identity,
      name: '  Jose\u0301 Garci\u0301a ',
      email: ' Jose@Example.COM ',
      phone: '9876543210',
      dialCode: '+91',
      notes: [{ title: 'Contact us', description: 'Hello,\r\nI would like a quote.\n' }],
      tags: ['website', ' website ', 'cafe\u0301', 'café'],
      attributes: [{ key: 'Company', value: 'Analytical Engines\tLtd' }],
      consent: { text: 'I agree to be contacted', at: '2025-03-01T10:15:00.000Z' },
    });
    expect(lead).toEqual({
      ...identity,
      name: 'José García',
      email: 'Jose@example.com',
      phone: '9876543210',
      dialCode: '+91',
      notes: [{ title: 'Contact us', description: 'Hello,\nI would like a quote.' }],
      tags: ['website', 'café'],
      attributes: [{ key: 'Company', value: 'Analytical Engines\tLtd' }],
      consent: { text: 'I agree to be contacted', at: '2025-03-01T10:15:00.000Z' },
    });
  });

  it('strips unknown keys, including the ones a visitor must never set', () => {
    const lead = leadInputSchema.parse({
      ...identity,
      status: 'CLOSED',
      agentId: 'a1',
      picture: 'https://example.com/a.png',
      extra: 1,
      notes: [{ title: 't', description: 'd', _id: 'x' }],
    });
    expect(lead).toEqual({ ...identity, notes: [{ title: 't', description: 'd' }] });
  });

  it('requires botId and customerId', () => {
    expect(issuesOf(leadInputSchema, {}).map(({ path }) => path)).toEqual([['botId'], ['customerId']]);
  });

  it('accepts a lead without a uuid (unattached: the visitor never opened the chat)', () => {
    const { uuid: _uuid, ...unattached } = identity;
    expect(leadInputSchema.parse(unattached)).toEqual(unattached);
  });

  it('keeps uuid required upstream: nothing goes to Flowmatix without its chat', () => {
    const { uuid: _uuid, ...unattached } = identity;
    expect(issuesOf(upstreamLeadSchema, unattached).map(({ path }) => path)).toEqual([['uuid']]);
  });

  it('reports problems field by field, with their path', () => {
    const issues = issuesOf(leadInputSchema, {
      ...identity,
      uuid: 'not-a-uuid',
      email: 'nope',
      notes: [
        { title: 'ok', description: 'ok' },
        { title: '', description: 'ok' },
      ],
    });
    expect(issues).toEqual([
      { path: ['uuid'], message: 'must be a UUID (8-4-4-4-12 hex digits)' },
      { path: ['email'], message: 'must be an email address' },
      { path: ['notes', 1, 'title'], message: 'must not be empty' },
    ]);
  });

  it('rejects what is not an object', () => {
    for (const value of [null, 'lead', 42, [identity]]) expect(leadInputSchema.safeParse(value).success).toBe(false);
  });
});

describe('leadFieldSchemas', () => {
  it('has a schema for every LeadInput field', () => {
    expect(Object.keys(leadFieldSchemas).sort()).toEqual(Object.keys(leadInputSchema.shape).sort());
  });

  describe('bounds: at the limit passes, one over fails', () => {
    const string = (length: number) => 'x'.repeat(length);
    const cases: [string, z.ZodType, (n: number) => unknown, number][] = [
      ['botId', leadFieldSchemas.botId, string, LEAD_LIMITS.id],
      ['customerId', leadFieldSchemas.customerId, string, LEAD_LIMITS.id],
      ['name', leadFieldSchemas.name, string, LEAD_LIMITS.name],
      ['email', leadFieldSchemas.email, (n) => `${string(n - 12)}@example.com`, LEAD_LIMITS.email],
      ['phone', leadFieldSchemas.phone, (n) => '9'.repeat(n), LEAD_LIMITS.phoneDigits],
      [
        'notes',
        leadFieldSchemas.notes,
        (n) => times(n, (i) => ({ title: `t${i}`, description: '' })),
        LEAD_LIMITS.notes,
      ],
      ['notes[].title', leadFieldSchemas.notes, (n) => [{ title: string(n), description: '' }], LEAD_LIMITS.noteTitle],
      [
        'notes[].description',
        leadFieldSchemas.notes,
        (n) => [{ title: 't', description: string(n) }],
        LEAD_LIMITS.noteDescription,
      ],
      ['tags', leadFieldSchemas.tags, (n) => times(n, (i) => `tag ${i}`), LEAD_LIMITS.tags],
      ['tags[]', leadFieldSchemas.tags, (n) => [string(n)], LEAD_LIMITS.tag],
      [
        'attributes',
        leadFieldSchemas.attributes,
        (n) => times(n, (i) => ({ key: `k${i}`, value: 'v' })),
        LEAD_LIMITS.attributes,
      ],
      [
        'attributes[].key',
        leadFieldSchemas.attributes,
        (n) => [{ key: string(n), value: '' }],
        LEAD_LIMITS.attributeKey,
      ],
      [
        'attributes[].value',
        leadFieldSchemas.attributes,
        (n) => [{ key: 'k', value: string(n) }],
        LEAD_LIMITS.attributeValue,
      ],
      [
        'consent.text',
        leadFieldSchemas.consent,
        (n) => ({ text: string(n), at: '2025-03-01T10:15:00Z' }),
        LEAD_LIMITS.consentText,
      ],
    ];

    it.each(cases)('%s', (_field, schema, make, limit) => {
      expect(schema.safeParse(make(limit)).success).toBe(true);
      expect(schema.safeParse(make(limit + 1)).success).toBe(false);
    });

    it('counts length after trimming and NFC composition', () => {
      const decomposed = `  ${'e\u0301'.repeat(LEAD_LIMITS.name)}  `;
      expect(leadFieldSchemas.name.parse(decomposed)).toBe('é'.repeat(LEAD_LIMITS.name));
    });

    it('counts tags after removing duplicates', () => {
      const tags = [...times(LEAD_LIMITS.tags, (i) => `tag ${i}`), 'tag 0', ' tag 1 '];
      expect(leadFieldSchemas.tags.parse(tags)).toHaveLength(LEAD_LIMITS.tags);
    });

    it.each([
      ['+1', true],
      ['+91', true],
      ['+998', true],
      ['+1684', false],
      ['+', false],
      ['+12345', false],
      ['91', false],
      ['+999', false],
      ['+0', false],
      [' +44 ', true],
    ])('dialCode %j: %s', (value, ok) => {
      expect(leadFieldSchemas.dialCode.safeParse(value).success).toBe(ok);
    });
  });

  describe('control characters', () => {
    const single: [string, z.ZodType, (text: string) => unknown][] = [
      ['name', leadFieldSchemas.name, (text) => text],
      ['tags[]', leadFieldSchemas.tags, (text) => [text]],
      ['notes[].title', leadFieldSchemas.notes, (text) => [{ title: text, description: '' }]],
      ['attributes[].key', leadFieldSchemas.attributes, (text) => [{ key: text, value: '' }]],
      ['consent.text', leadFieldSchemas.consent, (text) => ({ text, at: '2025-03-01T10:15:00Z' })],
    ];
    const multi: [string, z.ZodType, (text: string) => unknown][] = [
      ['notes[].description', leadFieldSchemas.notes, (text) => [{ title: 't', description: text }]],
      ['attributes[].value', leadFieldSchemas.attributes, (text) => [{ key: 'k', value: text }]],
    ];

    it.each([...single, ...multi])('%s rejects NUL, ESC, DEL, C1 and unpaired surrogates', (_field, schema, wrap) => {
      for (const char of ['\u0000', '\u001b', '\u007f', '\u0085', '\ud800'])
        expect(schema.safeParse(wrap(`a${char}b`)).success).toBe(false);
    });

    it.each(single)('%s rejects inner line feeds and tabs', (_field, schema, wrap) => {
      expect(schema.safeParse(wrap('a\nb')).success).toBe(false);
      expect(schema.safeParse(wrap('a\tb')).success).toBe(false);
    });

    it.each(multi)('%s keeps line feeds and tabs, and turns CR LF into LF', (_field, schema, wrap) => {
      expect(schema.parse(wrap('a\r\nb\tc\rd'))).toEqual(wrap('a\nb\tc\nd'));
    });

    it('accepts surrounding whitespace of any kind, which is trimmed', () => {
      expect(leadFieldSchemas.name.parse('\n\t Ada \r\n')).toBe('Ada');
    });
  });

  describe('NFC', () => {
    it('composes every text field', () => {
      expect(leadFieldSchemas.name.parse('e\u0301')).toBe('é');
      expect(leadFieldSchemas.email.parse('e\u0301@exa\u0301mple.com')).toBe('é@exámple.com');
      expect(leadFieldSchemas.tags.parse(['e\u0301'])).toEqual(['é']);
      expect(leadFieldSchemas.notes.parse([{ title: 'e\u0301', description: 'e\u0301' }])).toEqual([
        { title: 'é', description: 'é' },
      ]);
      expect(leadFieldSchemas.attributes.parse([{ key: 'e\u0301', value: 'e\u0301' }])).toEqual([
        { key: 'é', value: 'é' },
      ]);
      expect(leadFieldSchemas.consent.parse({ text: 'e\u0301', at: '2025-03-01T10:15:00Z' }).text).toBe('é');
    });
  });

  describe('identity', () => {
    it.each(['7e88d192-9b20-4035-9b68-d4ac3d58a34f', '7E88D192-9B20-4035-9B68-D4AC3D58A34F'])(
      'keeps the uuid %s as sent (the API keys chats by it)',
      (uuid) => {
        expect(leadFieldSchemas.uuid.parse(uuid)).toBe(uuid);
      },
    );

    it.each(['', '7e88d1929b2040359b68d4ac3d58a34f', 'x'.repeat(36)])('rejects the uuid %j', (uuid) => {
      expect(leadFieldSchemas.uuid.safeParse(uuid).success).toBe(false);
    });

    it.each(['', 'bot id', 'bot/1', 'bot.1', 'bøt', '<script>'])('rejects the bot id %j', (botId) => {
      expect(leadFieldSchemas.botId.safeParse(botId).success).toBe(false);
    });

    it.each(['65f0c1d2e3a4b5c6d7e8f901', 'BOT_1-a'])('accepts the bot id %j', (botId) => {
      expect(leadFieldSchemas.botId.parse(botId)).toBe(botId);
    });
  });

  describe('phone', () => {
    it.each(['+919876543210', '98765 43210', '98765-43210', '', 'abc'])('rejects %j: digits only', (phone) => {
      expect(leadFieldSchemas.phone.safeParse(phone).success).toBe(false);
    });
  });

  describe('consent', () => {
    it.each(['2025-03-01T10:15:00Z', '2025-03-01T10:15:00.123Z', '2025-03-01T15:45:00+05:30'])(
      'accepts the time %s',
      (at) => {
        expect(leadFieldSchemas.consent.parse({ text: 'I agree', at })).toEqual({ text: 'I agree', at });
      },
    );

    it.each(['2025-03-01', 'yesterday', '2025-13-01T10:15:00Z', '1740824100000', ''])('rejects the time %j', (at) => {
      expect(leadFieldSchemas.consent.safeParse({ text: 'I agree', at }).success).toBe(false);
    });

    it('requires both text and time', () => {
      expect(leadFieldSchemas.consent.safeParse({ text: 'I agree' }).success).toBe(false);
      expect(leadFieldSchemas.consent.safeParse({ at: '2025-03-01T10:15:00Z' }).success).toBe(false);
      expect(leadFieldSchemas.consent.safeParse({ text: ' ', at: '2025-03-01T10:15:00Z' }).success).toBe(false);
    });
  });
});

describe('upstreamLeadSchema', () => {
  it('accepts the fields only servers set', () => {
    const lead = { ...identity, agentId: 'agent-7', status: 'INPROGRESS', picture: 'https://cdn.example.com/a.png' };
    expect(upstreamLeadSchema.parse(lead)).toEqual(lead);
  });

  it.each(CHAT_STATUSES)('accepts the status %s', (status) => {
    expect(upstreamLeadSchema.safeParse({ ...identity, status }).success).toBe(true);
  });

  it.each([
    [{ status: 'closed' }, ['status']],
    [{ picture: 'javascript:alert(1)' }, ['picture']],
    [{ picture: 'ftp://example.com/a.png' }, ['picture']],
    [{ consent: { text: 'I agree', at: '2025-03-01T10:15:00Z' } }, []],
    [{ extra: true }, []],
    [{ notes: [{ title: 't', description: 'd', _id: 'x' }] }, ['notes', 0]],
  ])('rejects %j', (fields, path) => {
    const issues = issuesOf(upstreamLeadSchema, { ...identity, ...fields });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.path).toEqual(path);
  });

  it('leaves room for the notes, tags and attributes the relay adds', () => {
    const notes = (n: number) => times(n, (i) => ({ title: `t${i}`, description: '' }));
    const tags = (n: number) => times(n, (i) => `tag ${i}`);
    const attributes = (n: number) => times(n, (i) => ({ key: `k${i}`, value: '' }));
    const most = { notes: LEAD_LIMITS.notes + LEAD_LIMITS.relayNotes, tags: LEAD_LIMITS.tags + LEAD_LIMITS.relayTags };
    const attributeCount = LEAD_LIMITS.attributes + LEAD_LIMITS.relayAttributes;
    expect(
      upstreamLeadSchema.safeParse({
        ...identity,
        notes: notes(most.notes),
        tags: tags(most.tags),
        attributes: attributes(attributeCount),
      }).success,
    ).toBe(true);
    expect(upstreamLeadSchema.safeParse({ ...identity, notes: notes(most.notes + 1) }).success).toBe(false);
    expect(upstreamLeadSchema.safeParse({ ...identity, tags: tags(most.tags + 1) }).success).toBe(false);
    const tooMany = attributes(attributeCount + 1);
    expect(upstreamLeadSchema.safeParse({ ...identity, attributes: tooMany }).success).toBe(false);
  });

  it('applies the same field rules as the input schema', () => {
    expect(upstreamLeadSchema.safeParse({ ...identity, name: 'a\u0000b' }).success).toBe(false);
    expect(upstreamLeadSchema.parse({ ...identity, email: 'Ada@Example.com' }).email).toBe('Ada@example.com');
  });
});

describe('format characters (Unicode Cf)', () => {
  it.each(['\u200b', '\u202e', '\u2066', '\ufeff', '\u00ad'])('refuses %j in an email, a name and a tag', (char) => {
    expect(leadFieldSchemas.email.safeParse(`ada${char}@example.com`).success).toBe(false);
    expect(leadFieldSchemas.name.safeParse(`Ada${char}Lovelace`).success).toBe(false);
    expect(leadFieldSchemas.tags.safeParse([`v${char}ip`]).success).toBe(false);
  });
});
