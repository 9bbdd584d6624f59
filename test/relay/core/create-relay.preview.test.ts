import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRelay } from '../../../src/relay/core/create-relay';
import { createMemoryHeldLeadStore } from '../../../src/relay/stores/held-lead-store';
import { createMemoryIdempotencyStore } from '../../../src/relay/stores/idempotency-store';
import { RelayConfigurationError } from '../../../src/relay/core/relay-configuration-error';
import { BOT, createHarness, expectTokenNeverObserved, lead, ORIGIN, TOKEN, UUID } from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

const PREVIEW_URL = `${ORIGIN}/api/flowmatix/preview`;
const AT = '2024-05-01T10:00:00.000Z';

const snapshot = (fields: Record<string, unknown> = {}) => ({
  v: 2,
  form: 'Contact',
  page: '/contact',
  at: AT,
  lang: 'de-DE',
  controls: [
    { name: 'name', type: 'text', label: 'Name', value: 'Ada Lovelace' },
    { name: 'email', type: 'email', label: 'E-Mail', value: 'ada@example.com' },
    { name: 'tel', type: 'tel', label: 'Telefon', value: '030 1234567' },
    { name: 'plan', type: 'select-one', label: 'Plan', value: 'Pro', option: 'pro' },
    { name: 'company', type: 'text', label: 'Firma', value: '' },
    { name: 'message', type: 'textarea', label: 'Nachricht', value: 'Hallo' },
  ],
  ...fields,
});

describe('POST on the preview path', () => {
  it('answers the lead a snapshot maps to and each control, and never calls Flowmatix or a store', async () => {
    const idempotencyStore = createMemoryIdempotencyStore();
    const heldLeadStore = createMemoryHeldLeadStore();
    const spies = [vi.spyOn(idempotencyStore, 'begin'), vi.spyOn(heldLeadStore, 'put')];
    const { send, calls, logs } = createHarness({ idempotencyStore, heldLeadStore });
    const answer = await send(snapshot({ idempotencyKey: 'k-1' }), {
      url: PREVIEW_URL,
      headers: { 'idempotency-key': 'k-1' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.json).toEqual({
      ok: true,
      lead: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        // The region of the page's lang reads a number typed without a calling code.
        phone: '301234567',
        dialCode: '+49',
        notes: [
          { title: 'Contact', description: `Submitted on /contact at ${AT}` },
          { title: 'Nachricht', description: 'Hallo' },
        ],
        attributes: [{ key: 'Plan', value: 'Pro' }],
      },
      fields: [
        { label: 'Name', value: 'Ada Lovelace', maps: 'name' },
        { label: 'E-Mail', value: 'ada@example.com', maps: 'email' },
        { label: 'Telefon', value: '030 1234567', maps: 'phone' },
        { label: 'Plan', value: 'Pro', maps: 'attribute' },
        { label: 'Firma', value: '', maps: expect.any(String), dropped: 'empty' },
        { label: 'Nachricht', value: 'Hallo', maps: 'note' },
      ],
      requestId: expect.any(String),
    });
    expect(calls).toHaveLength(0);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(await heldLeadStore.list()).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ method: 'POST', path: '/api/flowmatix/preview', status: 200, outcome: 'preview' });
  });

  it('previews the same body twice alike: no idempotency, no replay', async () => {
    const { send } = createHarness();
    const first = await send(snapshot(), { url: PREVIEW_URL, headers: { 'idempotency-key': 'k-1' } });
    const second = await send(snapshot({ controls: [] }), { url: PREVIEW_URL, headers: { 'idempotency-key': 'k-1' } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.json.fields).toEqual([]);
  });

  it('needs no identity, and ignores a malformed idempotency key', async () => {
    const { send } = createHarness();
    const answer = await send(
      { ...snapshot(), botId: 'not an id!', idempotencyKey: 'bad key\n' },
      { url: PREVIEW_URL },
    );
    expect(answer.status).toBe(200);
  });

  it('names what the lead checks drop, as a lead answer does', async () => {
    const { send, logs } = createHarness();
    const answer = await send(snapshot({ controls: [{ name: 'email', type: 'email', value: 'ada@' }] }), {
      url: PREVIEW_URL,
    });
    expect(answer.json).toMatchObject({ ok: true, dropped: ['email'] });
    expect(answer.json.lead).not.toHaveProperty('email');
    expect(logs[0]).toMatchObject({ dropped: ['email'] });
  });

  it('refuses a malformed snapshot with 400 invalid_lead and field-level issues', async () => {
    const { send } = createHarness();
    const answer = await send(snapshot({ controls: [{ value: 'a' }, { value: ['b'] }] }), { url: PREVIEW_URL });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      ok: false,
      code: 'invalid_lead',
      issues: [{ path: ['controls', 1, 'value'], message: 'must be text' }],
    });
  });

  it('refuses a body that is no object as a malformed snapshot', async () => {
    const { send } = createHarness();
    const answer = await send([snapshot()], { url: PREVIEW_URL });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      code: 'invalid_lead',
      issues: [{ path: [], message: 'must be a JSON object' }],
    });
  });

  it('refuses a v1 lead or another version with 400 unsupported_version', async () => {
    const { send } = createHarness();
    const v1 = await send(lead({ email: 'ada@example.com' }), { url: PREVIEW_URL });
    expect(v1.status).toBe(400);
    expect(v1.json).toMatchObject({
      code: 'unsupported_version',
      message: 'The preview maps wire format 2 snapshots ("v": 2); this body has no "v".',
    });
    const v3 = await send(snapshot({ v: 3 }), { url: PREVIEW_URL });
    expect(v3.json).toMatchObject({ code: 'unsupported_version', issues: [{ path: ['v'], message: 'must be 2' }] });
  });

  it('passes the origin gate a lead passes', async () => {
    const { relay, answer, calls } = createHarness();
    const request = new Request(PREVIEW_URL, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify(snapshot()),
    });
    const refused = await answer(await relay.fetch(request));
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('forbidden_origin');
    const text = await createHarness().send(JSON.stringify(snapshot()), {
      url: PREVIEW_URL,
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(403);
    expect(calls).toHaveLength(0);
  });

  it('takes text/plain only from the same origin, and refuses other types', async () => {
    const { send } = createHarness();
    const plain = await send(JSON.stringify(snapshot()), {
      url: PREVIEW_URL,
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(200);
    const form = await send('v=2', {
      url: PREVIEW_URL,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('keeps to the body cap', async () => {
    const { send } = createHarness({ bodyLimit: 1024 });
    const answer = await send(snapshot({ controls: [{ value: 'x'.repeat(2000) }] }), { url: PREVIEW_URL });
    expect(answer.status).toBe(413);
    expect(answer.json.code).toBe('too_large');
  });

  it('counts against the rate limits of the client address, and of the visitor and bot it names', async () => {
    const byIp = createHarness({ rateLimit: { ip: { capacity: 2, refillPerSecond: 0.001 } } });
    const node = { incoming: { socket: { remoteAddress: '203.0.113.9' } } };
    expect((await byIp.send(snapshot(), { url: PREVIEW_URL, env: node })).status).toBe(200);
    expect((await byIp.send(snapshot(), { url: PREVIEW_URL, env: node })).status).toBe(200);
    const limited = await byIp.send(snapshot(), { url: PREVIEW_URL, env: node });
    expect(limited.status).toBe(429);
    expect(limited.json.code).toBe('rate_limited');
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // One budget for a visitor's previews and leads.
    expect((await byIp.send(lead(), { env: node })).status).toBe(429);

    const byVisitor = createHarness({ rateLimit: { uuid: { capacity: 1, refillPerSecond: 0.001 } } });
    const named = snapshot({ uuid: UUID, ...BOT });
    expect((await byVisitor.send(named, { url: PREVIEW_URL })).status).toBe(200);
    expect((await byVisitor.send(named, { url: PREVIEW_URL })).status).toBe(429);
    expect((await byVisitor.send(snapshot(), { url: PREVIEW_URL })).status).toBe(200);
  });

  it('checks the limits before reading the snapshot: a malformed one over the limit gets 429', async () => {
    const { send } = createHarness({ rateLimit: { ip: { capacity: 1, refillPerSecond: 0.001 } } });
    const node = { incoming: { socket: { remoteAddress: '203.0.113.9' } } };
    expect((await send(snapshot(), { url: PREVIEW_URL, env: node })).status).toBe(200);
    expect((await send({ v: 2 }, { url: PREVIEW_URL, env: node })).status).toBe(429);
  });

  it.each(['GET', 'PUT', 'DELETE', 'HEAD'])('answers %s with 405 and Allow: POST', async (method) => {
    const { relay, answer, logs } = createHarness();
    const result = await answer(await relay.fetch(new Request(PREVIEW_URL, { method, headers: { origin: ORIGIN } })));
    expect(result.status).toBe(405);
    expect(result.headers.get('allow')).toBe('POST');
    if (method !== 'HEAD') expect(result.json).toMatchObject({ ok: false, code: 'method_not_allowed' });
    expect(logs).toHaveLength(1);
  });
});

describe('the preview path', () => {
  it.each([
    ['/api/flowmatix/lead', '/api/flowmatix/preview'],
    ['/lead', '/preview'],
    ['/hooks/v2/leads', '/hooks/v2/preview'],
    ['/api/v2/leads/', '/api/v2/leads/preview'],
  ])('is resolved against the relay path: %s gives %s', async (path, previewPath) => {
    const { send } = createHarness({ path });
    expect((await send(snapshot(), { url: `${ORIGIN}${previewPath}` })).status).toBe(200);
  });

  it('may be set, or turned off with false', async () => {
    const custom = createHarness({ previewPath: '/debug/map' });
    expect((await custom.send(snapshot(), { url: `${ORIGIN}/debug/map` })).status).toBe(200);
    expect((await custom.send(snapshot(), { url: PREVIEW_URL })).status).toBe(404);
    const none = createHarness({ previewPath: false });
    const answer = await none.send(snapshot(), { url: PREVIEW_URL });
    expect(answer.status).toBe(404);
    expect(answer.json.code).toBe('not_found');
  });

  it.each([
    [{ previewPath: 'preview' }, /previewPath: "preview" must start with/],
    [{ previewPath: '/api/flowmatix/lead' }, /previewPath: .*is the relay path itself/],
    [
      { path: '/preview' },
      /previewPath: "\/preview" is the relay path itself; set previewPath to another path, or to false/,
    ],
    [{ previewPath: '/api/flowmatix/health' }, /previewPath: .*is the health path/],
    [{ healthPath: '/api/flowmatix/preview' }, /previewPath: .*is the health path/],
    [{ previewPath: '/flowmatix-leads.js' }, /previewPath: .*companion script/],
  ])('refuses %j at creation with a clear message', (options, message) => {
    const create = () => createRelay({ token: TOKEN, bots: [BOT], ...options });
    expect(create).toThrow(RelayConfigurationError);
    expect(create).toThrow(message);
  });
});
