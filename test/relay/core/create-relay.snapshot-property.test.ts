import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { upstreamLeadSchema } from '../../../src/shared/lead-schema';
import { anyText } from '../../shared/arbitraries';
import { BOT, createHarness, expectTokenNeverObserved, ORIGIN, UUID } from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

const PREVIEW_URL = `${ORIGIN}/api/flowmatix/preview`;

const anything = fc.jsonValue({ maxDepth: 3 });
const text = fc.oneof(
  anyText({ maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    'Ada Lovelace',
    'ada@example.com',
    'ada@',
    '+36 30 123 4567',
    '06 30 123 4567',
    'India (+91)',
  ),
);
const words = fc.constantFrom(
  'name',
  'first-name',
  'last-name',
  'email',
  'phone',
  'dial-code',
  'note',
  'tags',
  'attribute:Plan',
  'company',
  'Vorname',
  'Nachname',
  'Nom',
  'Prénom',
  'Telefon',
  'Mensaje',
  'メール',
  '电话',
  'flowmatix-cut',
  'message',
);
const types = fc.constantFrom(
  'text',
  'email',
  'tel',
  'textarea',
  'select-one',
  'select-multiple',
  'checkbox',
  'radio',
  'hidden',
  'number',
);

/** A control as the companion sends it: every property text, some words the mapping knows. */
const wellTyped = fc.record(
  {
    value: text,
    option: fc.oneof(text, fc.constantFrom('+91', '+1,+44', 'HU')),
    name: fc.oneof(words, text),
    id: fc.oneof(words, text),
    type: types,
    autocomplete: fc.constantFrom(
      'email',
      'tel',
      'given-name',
      'family-name',
      'name',
      'off',
      'tel-country-code',
      'organization',
    ),
    label: fc.oneof(words, text),
    legend: fc.oneof(words, text),
    placeholder: fc.oneof(words, text),
    field: fc.oneof(words, text),
  },
  { requiredKeys: [] },
);
const control = fc.oneof({ weight: 20, arbitrary: wellTyped }, anything);

/** `good` alone, or sometimes any JSON value instead, when `loose`. */
const part = <T>(good: fc.Arbitrary<T>, loose: boolean): fc.Arbitrary<unknown> =>
  loose ? fc.oneof({ weight: 3, arbitrary: good }, anything) : good;

/** What a `flowmatix:capture` listener may set. */
const given = (loose: boolean) =>
  fc.record(
    {
      name: part(text, loose),
      email: part(text, loose),
      phone: part(text, loose),
      dialCode: part(text, loose),
      notes: part(fc.array(fc.record({ title: text, description: text }), { maxLength: 45 }), loose),
      tags: part(fc.array(text, { maxLength: 65 }), loose),
      attributes: part(fc.array(fc.record({ key: text, value: text }), { maxLength: 105 }), loose),
    },
    { requiredKeys: [] },
  );

/**
 * Snapshots with every part well-typed (any text in it, identity mostly valid), or, when `loose`, with any part
 * free to be any JSON value.
 */
const snapshotOf = (loose: boolean) =>
  fc.record(
    {
      v: loose ? fc.oneof({ weight: 6, arbitrary: fc.constant(2) }, anything) : fc.constant(2),
      uuid: fc.oneof({ weight: 6, arbitrary: fc.constant(UUID) }, fc.constant(null), text),
      botId: fc.oneof({ weight: 10, arbitrary: fc.constant(BOT.botId) }, text, anything),
      customerId: fc.oneof({ weight: 10, arbitrary: fc.constant(BOT.customerId) }, text),
      // Mostly fresh keys; a few repeats make replays and conflicts happen too.
      idempotencyKey: fc.oneof({ weight: 10, arbitrary: fc.uuid() }, fc.constantFrom('k-1', 'k-2'), anything),
      form: part(text, loose),
      page: part(fc.constantFrom('/', '/contact', '/kapcsolat'), loose),
      at: part(
        fc.oneof(
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          text,
        ),
        loose,
      ),
      lang: part(fc.oneof(fc.constantFrom('hu-HU', 'en', 'de-DE', 'hi-IN', 'zh-Hans-CN', 'es-419'), text), loose),
      dialCode: part(fc.oneof(fc.constantFrom('+36', '+91', '+1', '+999', 'India (+91)'), text), loose),
      tags: part(fc.array(text, { maxLength: 65 }), loose),
      consent: part(fc.record({ text, at: fc.oneof(text, fc.constant('2024-05-01T10:00:00.000Z')) }), loose),
      controls: loose
        ? fc.oneof(fc.array(control, { maxLength: 30 }), anything)
        : fc.array(wellTyped, { maxLength: 110 }),
      lead: given(loose),
    },
    { requiredKeys: ['v', 'form', 'page', 'at', 'controls'] },
  );

const body = fc.oneof(
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  { weight: 2, arbitrary: snapshotOf(true).map((value) => JSON.stringify(value)) },
  { weight: 4, arbitrary: snapshotOf(false).map((value) => JSON.stringify(value)) },
);

// What the relay sends upstream is exactly what the strict upstream schema accepts and leaves unchanged.
const expectUpstreamValid = (sent: Record<string, unknown>) => {
  const parsed = upstreamLeadSchema.safeParse(sent);
  expect(parsed.error?.issues).toBeUndefined();
  expect(parsed.data).toEqual(sent);
};

describe('createRelay with wire format 2 bodies (property)', () => {
  it('never answers a snapshot-like or arbitrary body with a 5xx, and sends only what the upstream schema accepts', async () => {
    const { send, calls } = createHarness({ rateLimit: false, bodyLimit: 64 * 1024 });
    let delivered = 0;
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = calls.length;
        const answer = await send(text);
        expect(answer.status).toBeLessThan(500);
        expect(answer.json.requestId).toEqual(expect.any(String));
        if (answer.status === 200 && answer.headers.get('idempotent-replayed') === null) {
          delivered += 1;
          expect(calls.length).toBe(before + 1);
          expectUpstreamValid(calls.at(-1)?.body ?? {});
        } else {
          expect(calls.length).toBe(before);
          // 403: a well-formed bot id this relay does not serve.
          expect([200, 202, 400, 403, 409, 413]).toContain(answer.status);
        }
      }),
      { numRuns: 500 },
    );
    // The generator must reach the upstream often enough for the second half of the property to mean anything.
    expect(delivered).toBeGreaterThan(50);
  }, 120_000);

  it('never answers the preview with a 5xx, and never calls upstream from it', async () => {
    const { send, calls } = createHarness({ rateLimit: false, bodyLimit: 64 * 1024 });
    let previewed = 0;
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const answer = await send(text, { url: PREVIEW_URL });
        expect(answer.status).toBeLessThan(500);
        expect([200, 400, 413]).toContain(answer.status);
        if (answer.status === 200) {
          previewed += 1;
          expect(answer.json).toMatchObject({ ok: true, lead: expect.any(Object), fields: expect.any(Array) });
        } else {
          expect(answer.json).toMatchObject({
            ok: false,
            code: expect.stringMatching(/^(invalid_lead|unsupported_version|invalid_json|too_large)$/),
          });
        }
      }),
      { numRuns: 500 },
    );
    expect(calls).toHaveLength(0);
    expect(previewed).toBeGreaterThan(50);
  }, 120_000);
});
