import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { upstreamLeadSchema } from '../../../src/shared/lead-schema';
import { BOT, createHarness, expectTokenNeverObserved, UUID } from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

const LEAD_KEYS = new Set([
  'uuid',
  'botId',
  'customerId',
  'name',
  'email',
  'phone',
  'dialCode',
  'notes',
  'tags',
  'attributes',
]);
const NOTE_KEYS = new Set(['title', 'description']);
const ATTRIBUTE_KEYS = new Set(['key', 'value']);

/** Any UTF-16 code unit: control characters, lone surrogate halves, bidi overrides and all. */
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 40,
});
const text = fc.oneof(
  anyText,
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '  ', 'Ada Lovelace', 'ada@example.com', '+44', '447700900123'),
);
const anything = fc.jsonValue({ maxDepth: 3 });

const note = fc.oneof(
  fc.record({ title: text, description: text }),
  fc.dictionary(fc.string(), anything, { maxKeys: 3 }),
  anything,
);
const attribute = fc.oneof(fc.record({ key: text, value: text }), anything);

/** Bodies close enough to a lead to get past identity often, with every other field free to be wrong or absent. */
const leadLike = fc
  .record(
    {
      uuid: fc.oneof({ weight: 8, arbitrary: fc.constant(UUID) }, fc.uuid(), text, anything),
      botId: fc.oneof({ weight: 8, arbitrary: fc.constant(BOT.botId) }, text, anything),
      customerId: fc.oneof({ weight: 8, arbitrary: fc.constant(BOT.customerId) }, text, anything),
      name: fc.oneof(text, anything),
      email: fc.oneof(text, fc.emailAddress(), anything),
      phone: fc.oneof(text, fc.stringMatching(/^\d{4,20}$/), anything),
      dialCode: fc.oneof(fc.constantFrom('+1', '+44', '+91', '+999', '44'), text, anything),
      notes: fc.oneof(fc.array(note, { maxLength: 25 }), anything),
      tags: fc.oneof(fc.array(text, { maxLength: 35 }), anything),
      attributes: fc.oneof(fc.array(attribute, { maxLength: 55 }), anything),
      consent: fc.oneof(
        fc.record({ text, at: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) }),
        anything,
      ),
      status: fc.constantFrom('CLOSED', 'OPEN', 'nope'),
      agentId: text,
      picture: fc.webUrl(),
      // Not a lead field: read as the idempotency key, never forwarded. Repeats of a few values make replays and
      // conflicts happen too.
      idempotencyKey: fc.oneof(fc.constantFrom('k-1', 'k-2'), fc.uuid(), text, anything),
    },
    { requiredKeys: ['uuid', 'botId', 'customerId'] },
  )
  .chain((body) =>
    fc.dictionary(fc.string({ maxLength: 12 }), anything, { maxKeys: 4 }).map((extra) => ({ ...extra, ...body })),
  );

const body = fc.oneof(
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 4, arbitrary: leadLike.map((value) => JSON.stringify(value)) },
);

const expectOnlyAllowedFields = (sent: Record<string, unknown>) => {
  expect(Object.keys(sent).filter((key) => !LEAD_KEYS.has(key))).toEqual([]);
  for (const item of (sent.notes as Record<string, unknown>[] | undefined) ?? []) {
    expect(Object.keys(item).filter((key) => !NOTE_KEYS.has(key))).toEqual([]);
  }
  for (const item of (sent.attributes as Record<string, unknown>[] | undefined) ?? []) {
    expect(Object.keys(item).filter((key) => !ATTRIBUTE_KEYS.has(key))).toEqual([]);
  }
  for (const tag of (sent.tags as unknown[] | undefined) ?? []) expect(typeof tag).toBe('string');
};

// The relay builds the upstream body field by field, without parsing it again: what it sends must be exactly what
// the strict upstream schema accepts and leaves unchanged (limits, text rules, no unknown key).
const expectUpstreamValid = (sent: Record<string, unknown>) => {
  const parsed = upstreamLeadSchema.safeParse(sent);
  expect(parsed.error?.issues).toBeUndefined();
  expect(parsed.data).toEqual(sent);
};

describe('createRelay (property)', () => {
  it('never answers an arbitrary JSON body with a 5xx, and never sends upstream a field outside the allowed set', async () => {
    const { send, calls } = createHarness({ rateLimit: false, bodyLimit: 64 * 1024 });
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = calls.length;
        const answer = await send(text);
        expect(answer.status).toBeLessThan(500);
        expect(answer.json.requestId).toEqual(expect.any(String));
        if (answer.status === 200 && answer.headers.get('idempotent-replayed') === null) {
          accepted += 1;
          expect(calls.length).toBe(before + 1);
          expectOnlyAllowedFields(calls.at(-1)?.body ?? {});
          expectUpstreamValid(calls.at(-1)?.body ?? {});
        } else {
          expect(calls.length).toBe(before);
          // 202: a lead without a uuid (absent, null or blank), held by the default policy.
          expect([200, 202, 400, 403, 409, 413]).toContain(answer.status);
        }
      }),
      { numRuns: 600 },
    );
    // The generator must reach the upstream path often enough for the second half of the property to mean anything.
    expect(accepted).toBeGreaterThan(50);
  }, 60_000);

  it('sends a body the strict upstream schema accepts unchanged, with configured defaults too', async () => {
    const defaults = {
      tags: ['website', 'form'],
      notes: [{ title: 'Source', description: 'Contact page' }],
      attributes: [{ key: 'Channel', value: 'web' }],
      agentId: 'agent-7',
      status: 'OPEN' as const,
    };
    const { send, calls } = createHarness({ rateLimit: false, bodyLimit: 64 * 1024, defaults });
    await fc.assert(
      fc.asyncProperty(leadLike, async (value) => {
        const before = calls.length;
        const answer = await send(JSON.stringify(value));
        if (calls.length === before) return;
        expect(answer.status).toBe(200);
        expectUpstreamValid(calls.at(-1)?.body ?? {});
      }),
      { numRuns: 300 },
    );
    expect(calls.length).toBeGreaterThan(50);
  }, 60_000);
});
