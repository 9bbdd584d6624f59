import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryHeldLeadStore } from '../../../src/relay/stores/held-lead-store';
import { BOT, createHarness, expectTokenNeverObserved, lead, UUID } from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

const AT = '2024-05-01T10:00:00.000Z';

/** A snapshot as the companion sends it for a contact form, identity and idempotency key included. */
const snapshot = (fields: Record<string, unknown> = {}) => ({
  v: 2,
  uuid: UUID,
  ...BOT,
  idempotencyKey: 'k-1',
  form: 'Contact us',
  page: '/contact',
  at: AT,
  lang: 'hu-HU',
  controls: [
    { name: 'full_name', type: 'text', label: 'Your name', value: 'Ada Lovelace' },
    { name: 'email', type: 'email', label: 'Email', value: 'ada@example.com' },
    { name: 'phone', type: 'tel', label: 'Phone', value: '06 30 123 4567' },
    { name: 'plan', type: 'select-one', label: 'Plan', value: 'Pro', option: 'pro' },
    { name: 'message', type: 'textarea', label: 'Message', value: 'Call me\nafter 5' },
  ],
  ...fields,
});

const FIRST_NOTE = { title: 'Contact us', description: `Submitted on /contact at ${AT}` };

describe('a wire format 2 body (a snapshot)', () => {
  it('is mapped to a lead and delivered as the PUT a v1 lead of the same person makes', async () => {
    const { send, calls } = createHarness();
    const answer = await send(snapshot());
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, requestId: expect.any(String) });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.method).toBe('PUT');
    const expected = {
      uuid: UUID,
      ...BOT,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      // Hungary's trunk prefix 06 goes; the region comes from the page's lang.
      phone: '301234567',
      dialCode: '+36',
      notes: [FIRST_NOTE, { title: 'Message', description: 'Call me\nafter 5' }],
      attributes: [{ key: 'Plan', value: 'Pro' }],
    };
    expect(calls[0]?.body).toEqual(expected);

    const v1 = createHarness();
    await v1.send(
      lead({
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+36 30 123 4567',
        notes: expected.notes,
        attributes: expected.attributes,
      }),
    );
    expect(v1.calls[0]?.body).toEqual(expected);
  });

  it('lets the values a page set in flowmatix:capture win over the controls', async () => {
    const { send, calls } = createHarness();
    await send(snapshot({ lead: { email: 'sales@example.com', tags: ['vip'] } }));
    expect(calls[0]?.body).toMatchObject({ email: 'sales@example.com', tags: ['vip'], name: 'Ada Lovelace' });
  });

  it('keeps a value that is not valid as text and names it in dropped, as a v1 lead does', async () => {
    const { send, calls, logs } = createHarness();
    const controls = [
      { name: 'email', type: 'email', value: 'ada@' },
      { name: 'name', value: 'Ada' },
    ];
    const answer = await send(snapshot({ controls }));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, dropped: ['email'], requestId: expect.any(String) });
    expect(logs[0]).toMatchObject({ status: 200, dropped: ['email'] });
    expect(calls[0]?.body).toMatchObject({
      name: 'Ada',
      notes: [FIRST_NOTE, { title: 'Fields kept as text', description: 'email: "ada@" (must be an email address)' }],
    });
    expect(calls[0]?.body).not.toHaveProperty('email');
  });

  it('reads the first 100 controls and keeps the rest as text, named as one range', async () => {
    const { send, calls } = createHarness();
    const controls = Array.from({ length: 130 }, (_, index) => ({
      name: `q${index}`,
      label: `Question ${index}`,
      value: `a${index}`,
    }));
    const answer = await send(snapshot({ controls }));
    expect(answer.status).toBe(200);
    expect(answer.json.dropped).toContain('controls[100..129]');
    const notes = calls[0]?.body.notes as { title: string; description: string }[];
    const kept = notes.find((note) => note.title === 'Fields kept as text');
    expect(kept?.description).toMatch(
      /^controls\[100\.\.129\]: \[\{"name": "q100", "label": "Question 100", "value": "a100"\}/,
    );
  });

  it('refuses a malformed snapshot with 400 invalid_lead and field-level issues, and sends nothing', async () => {
    const { send, calls } = createHarness();
    const controls = [{ value: 'a' }, { value: 'b' }, { value: 'c' }, { value: 42 }];
    const answer = await send(snapshot({ controls, form: undefined }));
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      ok: false,
      requestId: expect.any(String),
      code: 'invalid_lead',
      message: 'The snapshot is missing or has invalid fields: see issues.',
      issues: [
        { path: ['form'], message: 'is required' },
        { path: ['controls', 3, 'value'], message: 'must be text' },
      ],
    });
    expect(calls).toHaveLength(0);
  });

  it('refuses a snapshot without identity as a v1 lead is refused', async () => {
    const { send } = createHarness();
    const answer = await send(snapshot({ botId: undefined, customerId: 'not an id!' }));
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      code: 'invalid_lead',
      issues: [
        { path: ['botId'], message: 'is required' },
        { path: ['customerId'], message: expect.any(String) },
      ],
    });
  });

  it.each([[3], ['2'], [null], [1], [{ major: 2 }]])(
    'refuses "v": %j with 400 unsupported_version naming the formats read',
    async (v) => {
      const { send, calls, logs } = createHarness();
      const answer = await send(snapshot({ v }));
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        ok: false,
        code: 'unsupported_version',
        message: expect.stringMatching(
          /reads wire format 1 \(a lead without "v"\) and 2 \("v": 2\); this body has "v": /,
        ),
        issues: [{ path: ['v'], message: 'must be 2, or absent' }],
      });
      expect(logs[0]).toMatchObject({ status: 400, outcome: 'unsupported_version' });
      expect(calls).toHaveLength(0);
    },
  );

  it('answers a repeat of the same bytes from the idempotency store, and refuses another body under the same key', async () => {
    const { send, calls } = createHarness();
    const body = JSON.stringify(snapshot());
    expect((await send(body)).status).toBe(200);
    const repeat = await send(body);
    expect(repeat.status).toBe(200);
    expect(repeat.headers.get('idempotent-replayed')).toBe('true');
    const other = await send(snapshot({ controls: [{ name: 'email', value: 'grace@example.com' }] }));
    expect(other.status).toBe(409);
    expect(other.json.code).toBe('conflict');
    expect(calls).toHaveLength(1);
  });

  it('counts a snapshot against the rate limits before reading it, so a malformed one over the limit gets 429', async () => {
    const { send } = createHarness({ rateLimit: { uuid: { capacity: 1, refillPerSecond: 0.001 } } });
    expect((await send(snapshot({ idempotencyKey: 'a' }))).status).toBe(200);
    const refused = await send(snapshot({ idempotencyKey: 'b', controls: 'not a list' }));
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('rate_limited');
  });

  it('without a uuid, is held as an unattached lead, mapped', async () => {
    const heldLeadStore = createMemoryHeldLeadStore();
    const { send, calls } = createHarness({ heldLeadStore });
    const answer = await send(snapshot({ uuid: undefined }));
    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({ ok: true, held: true });
    expect(calls).toHaveLength(0);
    const [held] = await heldLeadStore.list();
    expect(held).toMatchObject({
      key: 'k-1',
      lead: { ...BOT, name: 'Ada Lovelace', phone: '301234567', dialCode: '+36' },
    });
  });

  it('never forwards what is not a lead field: the region, the page, unknown keys', async () => {
    const { send, calls } = createHarness();
    await send(snapshot({ status: 'CLOSED', agentId: 'a1', picture: 'https://x.example/p.png' }));
    expect(Object.keys(calls[0]?.body ?? {}).sort()).toEqual(
      ['attributes', 'botId', 'customerId', 'dialCode', 'email', 'name', 'notes', 'phone', 'uuid'].sort(),
    );
  });
});

describe('a body without "v" (wire format 1)', () => {
  it('is read as a lead, as before', async () => {
    const { send, calls } = createHarness();
    const answer = await send(lead({ name: 'Ada', email: 'ada@example.com', controls: [{ value: 'ignored' }] }));
    expect(answer.status).toBe(200);
    expect(calls[0]?.body).toEqual({ uuid: UUID, ...BOT, name: 'Ada', email: 'ada@example.com' });
  });
});
