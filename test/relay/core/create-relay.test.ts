import { createServer } from 'node:net';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { FlowmatixError } from '../../../src/flowmatix/flowmatix-error';
import { createRelay } from '../../../src/relay/core/create-relay';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../../../src/relay/stores/idempotency-store';
import { createMemoryRateLimitStore, type RateLimitStore } from '../../../src/relay/stores/rate-limit-store';
import { RelayConfigurationError } from '../../../src/relay/core/relay-configuration-error';
import { DEFAULT_HEALTH_PATH } from '../../../src/shared/relay-protocol';
import {
  BOT,
  createHarness,
  expectTokenNeverObserved,
  lead,
  observe,
  ok,
  ORIGIN,
  OTHER_UUID,
  RELAY_URL,
  TOKEN,
  UUID,
} from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A lead posted as a stream, as a browser uploads a body it has not finished. */
const streamed = (body: ReadableStream<Uint8Array>) =>
  new Request(RELAY_URL, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
const node = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

const expectRelayHeaders = (answer: { headers: Headers; json: Record<string, unknown> }) => {
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.headers.get('x-request-id')).toBe(answer.json.requestId);
  expect(String(answer.json.requestId)).toMatch(/^[\da-f-]{36}$/);
  expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
};

describe('origin', () => {
  it('accepts a same-origin fetch (Sec-Fetch-Site) and delivers the lead', async () => {
    const { send, calls } = createHarness();
    const answer = await send(lead({ email: 'ada@example.com' }), { headers: { 'sec-fetch-site': 'same-origin' } });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, requestId: expect.any(String) });
    expectRelayHeaders(answer);
    expect(calls).toHaveLength(1);
  });

  it.each<[string, Record<string, string>]>([
    ['another site', { origin: 'https://evil.example' }],
    ['no Origin at all', { origin: '' }],
    ['Origin null', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site', origin: 'https://blog.shop.example' }],
    ['a look-alike host with ours as prefix', { origin: 'https://shop.example.evil.example' }],
    ['the other scheme', { origin: 'http://shop.example' }],
  ])('refuses %s with 403 forbidden_origin and never calls upstream', async (_what, headers) => {
    const { relay, calls, answer } = createHarness();
    const request = new Request(RELAY_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(lead()),
    });
    if (headers.origin === '') request.headers.delete('origin');
    const result = await answer(await relay.fetch(request));
    expect(result.status).toBe(403);
    expect(result.json).toMatchObject({ ok: false, code: 'forbidden_origin', message: expect.any(String) });
    expectRelayHeaders(result);
    expect(calls).toHaveLength(0);
  });

  it('accepts a configured origin, exactly', async () => {
    const { send } = createHarness({ allowedOrigins: 'https://www.shop.example' });
    expect((await send(lead(), { headers: { origin: 'https://www.shop.example' } })).status).toBe(200);
    expect((await send(lead(), { headers: { origin: 'https://www.shop.example:8443' } })).status).toBe(403);
  });

  it('behind a trusted TLS proxy, recognizes its public origin from X-Forwarded-Proto and -Host', async () => {
    const headers = { origin: ORIGIN, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'shop.example' };
    const url = 'http://10.0.0.5:8787/api/flowmatix/lead';
    expect((await createHarness({ trustProxy: 1 }).send(lead(), { headers, url })).status).toBe(200);
    // Without trustProxy the same headers are anyone's words.
    expect((await createHarness().send(lead(), { headers, url })).status).toBe(403);
  });

  it.each<[string, number | string]>([
    ['one proxy hop', 1],
    ['a client-address header (Workers, Vercel)', 'x-real-ip'],
  ])(
    'with trustProxy as %s, a client-written X-Forwarded-Host does not make a foreign Origin our own',
    async (_what, trustProxy) => {
      const headers = {
        origin: 'https://evil.example',
        'x-forwarded-host': 'evil.example, shop.example',
        'x-forwarded-proto': 'https',
      };
      const { send, calls } = createHarness({ trustProxy });
      const answer = await send(lead(), { headers, url: 'http://10.0.0.5:8787/api/flowmatix/lead' });
      expect(answer.status).toBe(403);
      expect(answer.json.code).toBe('forbidden_origin');
      expect(calls).toHaveLength(0);
    },
  );

  it('with allowedHosts, refuses a lead addressed to another host name before the origin gate (DNS rebinding)', async () => {
    const { relay, calls, answer, logs } = createHarness({ allowedHosts: ['localhost', '127.0.0.1'] });
    const rebound = (host: string) =>
      new Request(`http://${host}/api/flowmatix/lead`, {
        method: 'POST',
        headers: { origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
        body: JSON.stringify(lead()),
      });
    const refused = await answer(await relay.fetch(rebound('evil.example:8787')));
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({
      ok: false,
      code: 'forbidden_origin',
      message: expect.stringMatching(/host name/),
    });
    expectRelayHeaders(refused);
    expect(logs[0]?.message).toBe('host evil.example:8787 is not in allowedHosts');
    expect(calls).toHaveLength(0);
    expect((await answer(await relay.fetch(rebound('127.0.0.1:8787')))).status).toBe(200);
    expect((await answer(await relay.fetch(rebound('localhost:5173')))).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('answers for any host without allowedHosts, so a relay behind a real domain needs no configuration', async () => {
    const { send } = createHarness();
    const url = 'https://leads.shop.example/api/flowmatix/lead';
    expect((await send(lead(), { url, headers: { origin: 'https://leads.shop.example' } })).status).toBe(200);
  });

  it('with allowedHosts behind a trusted proxy, checks the host the proxy forwarded', async () => {
    const { send } = createHarness({ allowedHosts: 'shop.example', trustProxy: 1 });
    const url = 'http://10.0.0.5:8787/api/flowmatix/lead';
    const headers = (host: string) => ({
      origin: `https://${host}`,
      'x-forwarded-proto': 'https',
      'x-forwarded-host': host,
    });
    expect((await send(lead(), { url, headers: headers('shop.example') })).status).toBe(200);
    const refused = await send(lead(), { url, headers: headers('evil.example') });
    expect([refused.status, refused.json.code]).toEqual([403, 'forbidden_origin']);
  });

  it('answers a CORS preflight with 405 and no CORS headers, so cross-origin JSON posts cannot start', async () => {
    const { fetch } = createHarness();
    const answer = await fetch(
      new Request(RELAY_URL, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      }),
    );
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    expectRelayHeaders(answer);
  });
});

describe('content type', () => {
  it.each([
    ['no Content-Type', undefined],
    ['a form post', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON in another charset', 'application/json; charset=iso-8859-1'],
    ['a JSON look-alike', 'application/json-seq'],
  ])('refuses %s with 415', async (_what, type) => {
    const { relay, answer, calls } = createHarness();
    const headers: Record<string, string> = { origin: ORIGIN };
    if (type) headers['content-type'] = type;
    // Bytes, not a string: a string body would get a text/plain type from the Request constructor.
    const body = new TextEncoder().encode(JSON.stringify(lead()));
    const result = await answer(await relay.fetch(new Request(RELAY_URL, { method: 'POST', headers, body })));
    expect(result.status).toBe(415);
    expect(result.json).toMatchObject({ code: 'unsupported_media_type' });
    expect(calls).toHaveLength(0);
  });

  it('accepts application/json in any case and with parameters', async () => {
    const { send } = createHarness();
    expect((await send(lead(), { headers: { 'content-type': 'Application/JSON; Charset="UTF-8"' } })).status).toBe(200);
  });

  it('accepts a text/plain beacon from the same origin', async () => {
    const { send, calls } = createHarness();
    const beacon = { 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'same-origin' };
    expect((await send(lead({ name: 'Ada' }), { headers: beacon })).status).toBe(200);
    expect(calls[0]?.body.name).toBe('Ada');
  });

  it('refuses text/plain from a configured other origin: it needs no preflight, so only same-origin may use it', async () => {
    const { send } = createHarness({ allowedOrigins: 'https://www.shop.example' });
    const headers = { 'content-type': 'text/plain', origin: 'https://www.shop.example' };
    expect((await send(lead(), { headers })).status).toBe(415);
  });
});

describe('body', () => {
  it('refuses a 70 KB body with 413 on its declared length', async () => {
    const { send, calls } = createHarness();
    const big = JSON.stringify(lead({ notes: [{ title: 'x', description: 'y'.repeat(70_000) }] }));
    const answer = await send(big, { headers: { 'content-length': String(big.length) } });
    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ code: 'too_large', message: expect.stringMatching(/16384/) });
    expect(calls).toHaveLength(0);
  });

  it('refuses a streamed body that grows past the cap', async () => {
    const { fetch } = createHarness({ bodyLimit: 1024 });
    const chunk = new TextEncoder().encode(' '.repeat(512));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const answer = await fetch(streamed(body));
    expect(answer.status).toBe(413);
    expect(sent).toBeLessThan(10);
  });

  it('answers 408 when the body does not arrive in time', async () => {
    const { fetch } = createHarness({ bodyTimeoutMs: 50 });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"uuid":'));
      },
    });
    const answer = await fetch(streamed(body));
    expect(answer.status).toBe(408);
    expect(answer.json).toMatchObject({ code: 'body_timeout' });
  });

  it('refuses Content-Length together with Transfer-Encoding: 400 bad_request', async () => {
    const { send, calls } = createHarness();
    const answer = await send(lead(), { headers: { 'transfer-encoding': 'chunked', 'content-length': '120' } });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/Transfer-Encoding/) });
    expect(calls).toHaveLength(0);
  });

  it('answers a body whose connection breaks mid-stream with 400 bad_request, not invalid_json', async () => {
    const { fetch, calls } = createHarness();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"uuid":'));
      },
      pull(controller) {
        controller.error(new Error('socket hang up'));
      },
    });
    const answer = await fetch(streamed(body));
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/connection broke/) });
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['an empty body', ''],
    ['truncated JSON', '{"uuid":"7e88'],
    ['JSON with a trailing comma', '{"uuid":"x",}'],
    ['single quotes', "{'uuid':'x'}"],
    ['a lone NUL', '\u0000'],
  ])('answers %s with 400 invalid_json', async (_what, body) => {
    const answer = await createHarness().send(body);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ ok: false, code: 'invalid_json', message: expect.any(String) });
    expectRelayHeaders(answer);
  });

  it('answers bytes that are not UTF-8 with 400 invalid_json', async () => {
    const { fetch } = createHarness();
    const answer = await fetch(
      new Request(RELAY_URL, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
      }),
    );
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe('invalid_json');
  });

  it('handles JSON nested thousands deep with a 400, not a crash', async () => {
    const answer = await createHarness().send(`${'['.repeat(8000)}${']'.repeat(8000)}`);
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe('invalid_lead');
  });

  it('does not let a __proto__ key reach the lead or the prototype', async () => {
    const { send, calls } = createHarness();
    const body = `{"uuid":"${UUID}","botId":"${BOT.botId}","customerId":"${BOT.customerId}","__proto__":{"status":"CLOSED","polluted":true}}`;
    expect((await send(body)).status).toBe(200);
    expect(calls[0]?.body).not.toHaveProperty('status');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('schema', () => {
  it.each([
    ['no botId', { uuid: UUID, customerId: BOT.customerId }, ['botId']],
    ['a uuid without dashes', lead({ uuid: '7e88d1929b2040359b68d4ac3d58a34f' }), ['uuid']],
    ['a numeric uuid', lead({ uuid: 12 }), ['uuid']],
    ['a botId with a slash', lead({ botId: 'a/b' }), ['botId']],
    ['an empty customerId', lead({ customerId: '' }), ['customerId']],
    ['a null botId', lead({ botId: null }), ['botId']],
  ])('refuses %s with 400 invalid_lead and its issues', async (_what, body, path) => {
    const { send, calls } = createHarness();
    const answer = await send(body);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      code: 'invalid_lead',
      issues: expect.arrayContaining([expect.objectContaining({ path })]),
    });
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['an array', [lead()]],
    ['null', null],
    ['a string', 'lead'],
    ['a number', 42],
  ])('refuses a body that is %s', async (_what, body) => {
    const answer = await createHarness().send(JSON.stringify(body));
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe('invalid_lead');
  });

  it('drops a malformed email instead of losing the lead, keeps it in a note and names it in dropped', async () => {
    const { send, calls, logs } = createHarness();
    const answer = await send(lead({ name: 'Ada Lovelace', email: 'ada(at)example', phone: '4471234567' }));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ ok: true, dropped: ['email'] });
    const sent = calls[0]?.body;
    expect(sent).toMatchObject({ name: 'Ada Lovelace', phone: '4471234567' });
    expect(sent).not.toHaveProperty('email');
    expect(JSON.stringify(sent?.notes)).toContain('ada(at)example');
    expect(logs[0]?.dropped).toEqual(['email']);
    // The log names the field, never its value.
    expect(JSON.stringify(logs)).not.toContain('ada(at)example');
  });

  it('drops every bad optional field on its own and keeps the good ones', async () => {
    const { send, calls } = createHarness();
    const answer = await send(
      lead({
        email: 'ada@example.com',
        phone: '+44 12',
        tags: 'vip',
        attributes: [{ key: 'plan' }],
        consent: { text: 'I agree', at: 'yesterday' },
        notes: [{ title: 'Message', description: 'Hello' }],
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.dropped).toEqual(['tags', 'attributes[0]', 'consent']);
    const sent = calls[0]?.body ?? {};
    expect(sent.email).toBe('ada@example.com');
    // A phone too short to dial is still sent as its digits, and flagged in the first note.
    expect([sent.dialCode, sent.phone]).toEqual(['+44', '12']);
    const notes = sent.notes as { title: string; description: string }[];
    expect(notes[0]).toEqual({
      title: 'Message',
      description: 'Hello\nPhone number not verified, as typed: +44 12',
    });
    const kept = notes.find((note) => note.title === 'Fields kept as text')?.description ?? '';
    expect(kept.split('\n')).toHaveLength(3);
    expect(kept).toContain('I agree');
  });

  it('never forwards status, agentId, picture or unknown keys', async () => {
    const { send, calls } = createHarness();
    const answer = await send(
      lead({ status: 'CLOSED', agentId: 'agent-1', picture: 'https://x.example/p.png', isAdmin: true, token: 'x' }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json).not.toHaveProperty('dropped');
    expect(Object.keys(calls[0]?.body ?? {}).sort()).toEqual(['botId', 'customerId', 'uuid']);
  });

  it('cuts an over-long name and bounds and cleans the raw value it keeps: control characters go, a megabyte becomes a line', async () => {
    const { send, calls } = createHarness({ bodyLimit: 64 * 1024 });
    const answer = await send(
      lead({ name: `\u0000${'n'.repeat(20_000)}`, email: `x\u0007\u001b[31m@@${'e'.repeat(20_000)}` }),
    );
    expect(answer.json.dropped).toEqual(['email']);
    expect(calls[0]?.body.name).toBe('n'.repeat(200));
    const note = (calls[0]?.body.notes as { description: string }[])[0]?.description ?? '';
    expect(note.length).toBeLessThanOrEqual(5_000);
    expect(note).not.toMatch(/[\u0000-\u001f]/);
  });

  it('checks notes, tags and attributes element by element: keeps the good ones, drops and names only the bad', async () => {
    const { send, calls } = createHarness();
    const message = 'I would like a quote for 40 units. '.repeat(40).trim();
    const answer = await send(
      lead({
        notes: [
          { title: 'Contact', description: 'Submitted at 2026-11-28T10:00:00Z' },
          { title: 'Message', description: message },
          { title: 'Budget', description: 5000 },
        ],
        tags: ['vip', 5, { x: 1 }, 'spring'],
        attributes: [
          { key: 'plan', value: 'pro' },
          { key: '', value: 'orphan' },
          { key: 'seats', value: '40' },
        ],
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.dropped).toEqual(['notes[2]', 'tags[1]', 'tags[2]', 'attributes[1]']);
    const sent = calls[0]?.body ?? {};
    const notes = sent.notes as { title: string; description: string }[];
    expect(notes.map((note) => note.title)).toEqual(['Contact', 'Message', 'Fields kept as text']);
    expect(notes[1]?.description).toBe(message);
    expect(sent.tags).toEqual(['vip', 'spring']);
    expect(sent.attributes).toEqual([
      { key: 'plan', value: 'pro' },
      { key: 'seats', value: '40' },
    ]);
    const kept = notes[2]?.description.split('\n') ?? [];
    expect(kept).toHaveLength(4);
    expect(kept[0]).toMatch(/^notes\[2\]: \{"title": "Budget", "description": 5000\} \(/);
    expect(kept[3]).toMatch(/^attributes\[1\]: .*"orphan"/);
  });

  it('keeps lists to their limits and names every entry past them, whose values the kept-as-text note holds', async () => {
    const { send, calls } = createHarness({ bodyLimit: 64 * 1024 });
    const answer = await send(
      lead({
        notes: Array.from({ length: 22 }, (_, index) => ({
          title: `Question ${index}`,
          description: `Answer ${index}`,
        })),
        attributes: Array.from({ length: 51 }, (_, index) => ({ key: `field ${index}`, value: `value ${index}` })),
        tags: Array.from({ length: 31 }, (_, index) => `tag${index}`),
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.json.dropped).toEqual(['notes[20]', 'notes[21]', 'tags[30]', 'attributes[50]']);
    const sent = calls[0]?.body ?? {};
    const notes = sent.notes as { title: string; description: string }[];
    expect(notes).toHaveLength(21);
    expect(notes[19]?.title).toBe('Question 19');
    expect(sent.tags).toHaveLength(30);
    expect(sent.attributes).toHaveLength(50);
    const kept = notes[20]?.description.split('\n') ?? [];
    expect(notes[20]?.title).toBe('Fields kept as text');
    expect(kept[0]).toMatch(
      /^notes\[20\]: \{"title": "Question 20", "description": "Answer 20"\} \(is past the first 20 notes\)/,
    );
    expect(kept[2]).toMatch(/^tags\[30\]: "tag30"/);
    expect(kept[3]).toMatch(/^attributes\[50\]: \{"key": "field 50", "value": "value 50"\}/);
  });

  it('keeps a dropped note’s text whole in the kept-as-text note, up to a note description’s length', async () => {
    const { send, calls } = createHarness();
    const message = `${'Please call me back about the order. '.repeat(100)}END`;
    const answer = await send(lead({ notes: [{ description: message }] }));
    expect(answer.json.dropped).toEqual(['notes[0]']);
    const kept = (calls[0]?.body.notes as { title: string; description: string }[])[0];
    expect(kept?.title).toBe('Fields kept as text');
    expect(kept?.description).toContain(message);
    expect(kept?.description.length).toBeLessThanOrEqual(5_000);
  });

  it('shares the note description’s length between many dropped values', async () => {
    const { send, calls } = createHarness({ bodyLimit: 64 * 1024 });
    const attributes = Array.from({ length: 50 }, (_, index) => ({
      key: `k${index}`,
      value: { long: 'v'.repeat(500) },
    }));
    const answer = await send(lead({ attributes }));
    expect(answer.json.dropped).toHaveLength(10);
    expect(answer.json.droppedCount).toBe(50);
    const kept = (calls[0]?.body.notes as { description: string }[])[0]?.description ?? '';
    const lines = kept.split('\n');
    expect(lines).toHaveLength(50);
    expect(lines.every((line, index) => line.startsWith(`attributes[${index}]: {"key": "k${index}"`))).toBe(true);
    expect(kept.length).toBeLessThanOrEqual(5_000);
  });

  it('names a dropped note by its index as sent when the relay puts its phone note first', async () => {
    const { send, calls } = createHarness();
    const answer = await send(
      lead({
        phone: '+44 12',
        notes: [
          { title: 'Budget', description: 5000 },
          { title: 'Hi', description: 'there' },
        ],
      }),
    );
    expect(answer.json.dropped).toEqual(['notes[0]']);
    const titles = (calls[0]?.body.notes as { title: string }[]).map((note) => note.title);
    expect(titles).toEqual(['Phone number', 'Hi', 'Fields kept as text']);
  });

  it('names a dropped tag by its index as sent, though blank and repeated tags are removed first', async () => {
    const { send, calls } = createHarness();
    const answer = await send(lead({ tags: ['vip', 'vip', ' ', 7, 'spring'] }));
    expect(answer.json.dropped).toEqual(['tags[3]']);
    expect(calls[0]?.body.tags).toEqual(['vip', 'spring']);
  });

  it('skips blank elements of a list without reporting them, as it does blank fields', async () => {
    const { send, calls } = createHarness();
    const answer = await send(lead({ notes: [null, { title: 'Message', description: 'Hello' }], attributes: [null] }));
    expect(answer.json).not.toHaveProperty('dropped');
    expect(calls[0]?.body.notes).toEqual([{ title: 'Message', description: 'Hello' }]);
    expect(calls[0]?.body).not.toHaveProperty('attributes');
  });

  it('treats blank optional fields as absent, not as invalid', async () => {
    const { send, calls } = createHarness();
    const answer = await send(lead({ name: '  ', email: '', phone: null }));
    expect(answer.json).not.toHaveProperty('dropped');
    expect(Object.keys(calls[0]?.body ?? {})).toEqual(['uuid', 'botId', 'customerId']);
  });

  it('records consent as a note', async () => {
    const { send, calls } = createHarness();
    await send(lead({ consent: { text: 'You may contact me', at: '2026-11-28T10:00:00Z' } }));
    expect(calls[0]?.body.notes).toEqual([
      { title: 'Consent', description: 'You may contact me\nGiven at 2026-11-28T10:00:00Z' },
    ]);
  });

  it('adds the configured defaults; a default attribute wins over the visitor’s', async () => {
    const { send, calls } = createHarness({
      defaults: {
        tags: ['website'],
        attributes: [{ key: 'source', value: 'site' }],
        notes: [{ title: 'Via', description: 'relay' }],
        status: 'OPEN',
      },
    });
    await send(
      lead({
        tags: ['vip', 'website'],
        attributes: [
          { key: 'source', value: 'visitor' },
          { key: 'plan', value: 'pro' },
        ],
      }),
    );
    expect(calls[0]?.body).toMatchObject({
      tags: ['vip', 'website'],
      attributes: [
        { key: 'plan', value: 'pro' },
        { key: 'source', value: 'site' },
      ],
      notes: [{ title: 'Via', description: 'relay' }],
      status: 'OPEN',
    });
  });
});

describe('allowlist', () => {
  it('refuses a bot that is not listed with 403 unknown_bot and a message that does not echo it', async () => {
    const { send, calls } = createHarness();
    const answer = await send(lead({ botId: 'deadbeef', customerId: 'cafe' }));
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ code: 'unknown_bot' });
    expect(String(answer.json.message)).not.toContain('deadbeef');
    expect(calls).toHaveLength(0);
  });

  it('matches pairs, not ids: a listed bot with another customer is refused', async () => {
    const { send } = createHarness({ bots: [BOT, { botId: 'b2', customerId: 'c2' }] });
    expect((await send(lead({ customerId: 'c2' }))).status).toBe(403);
    expect((await send(lead({ botId: 'b2', customerId: 'c2' }))).status).toBe(200);
  });

  it('compares ids exactly: another case is another bot', async () => {
    const { send } = createHarness();
    expect((await send(lead({ botId: BOT.botId.toUpperCase() }))).status).toBe(403);
  });
});

describe('rate limit', () => {
  it('limits one visitor uuid and says when to retry (Retry-After, RateLimit, RateLimit-Policy)', async () => {
    const { send, calls } = createHarness({
      rateLimit: { uuid: { capacity: 2, refillPerSecond: 0.1 } },
      now: () => 1_000_000,
    });
    await send(lead());
    await send(lead());
    const answer = await send(lead());
    expect(answer.status).toBe(429);
    expect(answer.json).toMatchObject({ code: 'rate_limited' });
    expect(answer.headers.get('retry-after')).toBe('10');
    expect(answer.headers.get('ratelimit')).toBe('"uuid";r=0;t=10');
    expect(answer.headers.get('ratelimit-policy')).toBe('"uuid";q=2;w=20');
    expectRelayHeaders(answer);
    expect(calls).toHaveLength(2);
    // Another visitor is not affected.
    expect((await send(lead({ uuid: OTHER_UUID }))).status).toBe(200);
  });

  it('refills with time', async () => {
    let time = 0;
    const { send } = createHarness({ rateLimit: { uuid: { capacity: 1, refillPerSecond: 1 } }, now: () => time });
    expect((await send(lead())).status).toBe(200);
    expect((await send(lead())).status).toBe(429);
    time += 1_000;
    expect((await send(lead())).status).toBe(200);
  });

  it('limits one client address across uuids, from the socket', async () => {
    const { send, logs } = createHarness({ rateLimit: { ip: { capacity: 2, refillPerSecond: 0.01 } } });
    const env = node('203.0.113.7');
    expect((await send(lead(), { env })).status).toBe(200);
    expect((await send(lead({ uuid: OTHER_UUID }), { env })).status).toBe(200);
    expect((await send(lead(), { env })).status).toBe(429);
    expect(logs.at(-1)).toMatchObject({ outcome: 'rate_limited', limit: 'ip' });
    expect((await send(lead(), { env: node('203.0.113.8') })).status).toBe(200);
  });

  it('groups IPv6 clients by /56', async () => {
    const { send } = createHarness({ rateLimit: { ip: { capacity: 1, refillPerSecond: 0.01 } } });
    expect((await send(lead(), { env: node('2001:db8:1:2a0::1') })).status).toBe(200);
    expect((await send(lead(), { env: node('2001:db8:1:2ff:ffff::9') })).status).toBe(429);
    expect((await send(lead(), { env: node('2001:db8:1:300::1') })).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless trustProxy is set, so a client cannot rotate its address', async () => {
    const { send } = createHarness({ rateLimit: { ip: { capacity: 1, refillPerSecond: 0.01 } } });
    const env = node('203.0.113.7');
    expect((await send(lead(), { env, headers: { 'x-forwarded-for': '1.1.1.1' } })).status).toBe(200);
    expect((await send(lead(), { env, headers: { 'x-forwarded-for': '2.2.2.2' } })).status).toBe(429);
  });

  it('with trustProxy, limits by the address the proxy appended', async () => {
    const { send } = createHarness({ trustProxy: 1, rateLimit: { ip: { capacity: 1, refillPerSecond: 0.01 } } });
    const env = node('10.0.0.1');
    expect((await send(lead(), { env, headers: { 'x-forwarded-for': '9.9.9.9, 203.0.113.7' } })).status).toBe(200);
    expect((await send(lead(), { env, headers: { 'x-forwarded-for': '8.8.8.8, 203.0.113.7' } })).status).toBe(429);
    expect((await send(lead(), { env, headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200);
  });

  it('caps a whole bot across visitors and addresses', async () => {
    const { send } = createHarness({ rateLimit: { bot: { capacity: 3, refillPerSecond: 0.01 } } });
    const uuids = [UUID, OTHER_UUID, '11111111-2222-4333-8444-555555555555', '66666666-7777-4888-9999-000000000000'];
    const statuses = [];
    for (const [index, uuid] of uuids.entries()) {
      statuses.push((await send(lead({ uuid }), { env: node(`203.0.113.${index + 1}`) })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('can be turned off, and then never asks the store', async () => {
    let takes = 0;
    const counting: RateLimitStore = { take: (...args) => ((takes += 1), createMemoryRateLimitStore().take(...args)) };
    const { send, logs } = createHarness({ rateLimit: false, rateLimitStore: counting, storeFailure: 'closed' });
    const statuses = new Set<number>();
    for (let index = 0; index < 40; index += 1) statuses.add((await send(lead(), { env: node('203.0.113.7') })).status);
    expect([...statuses, takes]).toEqual([200, 0]);
    expect(logs.filter((entry) => entry.level !== 'info')).toEqual([]);
  });

  const failingStore: RateLimitStore = { take: () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')) };

  it('fails open by default when the store is down, and warns', async () => {
    const { send, logs } = createHarness({ rateLimitStore: failingStore });
    expect((await send(lead())).status).toBe(200);
    expect(logs[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/rate-limit store failed/) });
  });

  it('fails closed when asked: 503 unavailable with Retry-After, and nothing sent upstream', async () => {
    const { send, calls, logs } = createHarness({ rateLimitStore: failingStore, storeFailure: 'closed' });
    const answer = await send(lead());
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ ok: false, code: 'unavailable', message: expect.stringMatching(/limits/) });
    expect(answer.headers.get('retry-after')).toBe('5');
    expectRelayHeaders(answer);
    expect(calls).toHaveLength(0);
    expect(logs[0]).toMatchObject({
      level: 'warn',
      outcome: 'unavailable',
      message: expect.stringMatching(/rate-limit store/),
    });
  });
});

describe('idempotency', () => {
  const key = { 'idempotency-key': 'lead-5f2c9a' };

  it('answers a repeated key from the store without calling upstream again', async () => {
    const { send, calls, logs } = createHarness();
    const first = await send(lead({ email: 'nope' }), { headers: key });
    const second = await send(lead({ email: 'nope' }), { headers: key });
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.json).toMatchObject({ ok: true, dropped: ['email'] });
    expect(second.json.requestId).not.toBe(first.json.requestId);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(calls).toHaveLength(1);
    expect(logs.map((entry) => entry.outcome)).toEqual(['ok', 'replayed']);
  });

  it('answers the repeat of a delivered lead before the rate limits: a browser whose 200 was lost need not wait', async () => {
    const { send, calls, logs } = createHarness({ rateLimit: { uuid: { capacity: 1, refillPerSecond: 0.001 } } });
    expect((await send(lead(), { headers: key })).status).toBe(200);
    for (let repeat = 0; repeat < 3; repeat += 1) {
      const again = await send(lead(), { headers: key });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(calls).toHaveLength(1);
    // Anything else from the visitor still meets the limit: another key, or the same key with another body.
    expect((await send(lead(), { headers: { 'idempotency-key': 'lead-other' } })).status).toBe(429);
    expect((await send(lead({ name: 'Ada' }), { headers: key })).status).toBe(429);
    expect((await send(lead({ uuid: OTHER_UUID }), { headers: key })).headers.get('idempotent-replayed')).toBeNull();
    expect(logs.map((entry) => entry.outcome)).toEqual([
      'ok',
      'replayed',
      'replayed',
      'replayed',
      'rate_limited',
      'rate_limited',
      'ok',
    ]);
  });

  it('counts a repeat against the limits when the store has no peek', async () => {
    const memory = createMemoryIdempotencyStore();
    const idempotencyStore: IdempotencyStore = {
      begin: (...args) => memory.begin(...args),
      complete: (...args) => memory.complete(...args),
      release: (...args) => memory.release(...args),
    };
    const { send, calls } = createHarness({
      idempotencyStore,
      rateLimit: { uuid: { capacity: 1, refillPerSecond: 0.001 } },
    });
    expect((await send(lead(), { headers: key })).status).toBe(200);
    expect((await send(lead(), { headers: key })).status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  it('applies storeFailure as soon as peek fails, without asking the store again', async () => {
    const asked: string[] = [];
    const failing: IdempotencyStore = {
      begin: () => (asked.push('begin'), Promise.reject(new Error('ECONNRESET'))),
      complete: () => (asked.push('complete'), Promise.resolve()),
      release: () => (asked.push('release'), Promise.resolve()),
      peek: () => (asked.push('peek'), Promise.reject(new Error('ECONNRESET'))),
    };
    const open = createHarness({ idempotencyStore: failing });
    expect((await open.send(lead(), { headers: key })).status).toBe(200);
    expect(open.calls).toHaveLength(1);
    expect(open.logs[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/idempotency store failed/) });
    const closed = createHarness({ idempotencyStore: failing, storeFailure: 'closed' });
    const refused = await closed.send(lead(), { headers: key });
    expect([refused.status, refused.json.code, refused.headers.get('retry-after')]).toEqual([503, 'unavailable', '5']);
    expect(closed.calls).toHaveLength(0);
    expect(asked).toEqual(['peek', 'peek']);
  });

  it('makes concurrent duplicates wait for the first outcome: one upstream call, every answer 200', async () => {
    const { send, calls } = createHarness({
      respond: async () => {
        await new Promise((resolve) => setTimeout(resolve, 80));
        return ok();
      },
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(lead(), { headers: key })));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(calls).toHaveLength(1);
  });

  it('lets a retry go upstream after the first attempt failed', async () => {
    const { send, calls } = createHarness({
      respond: (_request, call) => (call === 1 ? new Response('busy', { status: 503 }) : ok()),
    });
    expect((await send(lead(), { headers: key })).status).toBe(502);
    expect((await send(lead(), { headers: key })).status).toBe(200);
    expect((await send(lead(), { headers: key })).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it('refuses a key reused with another body: 409 conflict', async () => {
    const { send, calls } = createHarness();
    await send(lead({ name: 'Ada' }), { headers: key });
    const answer = await send(lead({ name: 'Grace' }), { headers: key });
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({ code: 'conflict' });
    expect(calls).toHaveLength(1);
  });

  it('scopes keys by visitor: the same key from another uuid is a new request', async () => {
    const { send, calls } = createHarness();
    await send(lead(), { headers: key });
    const other = await send(lead({ uuid: OTHER_UUID }), { headers: key });
    expect(other.status).toBe(200);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(calls).toHaveLength(2);
  });

  it('delivers every request without a key', async () => {
    const { send, calls } = createHarness();
    await send(lead());
    await send(lead());
    expect(calls).toHaveLength(2);
  });

  it.each([['a'.repeat(256)], ['has space'], ['tab\there'], ['é']])(
    'refuses a malformed key %j with 400',
    async (value) => {
      const { send, calls } = createHarness();
      const answer = await send(lead(), { headers: { 'idempotency-key': value } });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ code: 'invalid_lead', issues: [{ path: ['Idempotency-Key'] }] });
      expect(calls).toHaveLength(0);
    },
  );

  it('accepts the quoted form of the IETF draft as the same key', async () => {
    const { send, calls } = createHarness();
    await send(lead(), { headers: { 'idempotency-key': '"k-1"' } });
    expect((await send(lead(), { headers: { 'idempotency-key': 'k-1' } })).headers.get('idempotent-replayed')).toBe(
      'true',
    );
    expect(calls).toHaveLength(1);
  });

  describe('key in the body (beacons cannot set headers)', () => {
    const beacon = { 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'same-origin' };
    const keyed = (idempotencyKey: unknown, fields: Record<string, unknown> = {}) =>
      JSON.stringify(lead({ name: 'Ada', ...fields, idempotencyKey }));

    it('answers a beacon that repeats a fetch from the store: the same bytes, the key only in the body', async () => {
      const { send, calls, logs } = createHarness();
      const body = keyed('lead-5f2c9a');
      expect((await send(body, { headers: key })).status).toBe(200);
      const again = await send(body, { headers: beacon });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(calls).toHaveLength(1);
      expect(logs.map((entry) => entry.outcome)).toEqual(['ok', 'replayed']);
    });

    it('makes a fetch and a beacon racing with one lead one upstream call', async () => {
      const { send, calls } = createHarness({
        respond: async () => {
          await new Promise((resolve) => setTimeout(resolve, 80));
          return ok();
        },
      });
      const body = keyed('lead-5f2c9a');
      const answers = await Promise.all([send(body, { headers: key }), send(body, { headers: beacon })]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
      expect(calls).toHaveLength(1);
    });

    it('never forwards the key field upstream', async () => {
      const { send, calls } = createHarness();
      expect((await send(keyed('lead-5f2c9a'), { headers: beacon })).status).toBe(200);
      expect(calls[0]?.body).not.toHaveProperty('idempotencyKey');
      expect(Object.keys(calls[0]?.body ?? {}).sort()).toEqual(['botId', 'customerId', 'name', 'uuid']);
    });

    it('fingerprints the raw body, key field included: the key reused on another lead is a conflict', async () => {
      const { send, calls } = createHarness();
      await send(keyed('lead-5f2c9a'), { headers: beacon });
      const answer = await send(keyed('lead-5f2c9a', { name: 'Grace' }), { headers: beacon });
      expect(answer.status).toBe(409);
      expect(answer.json).toMatchObject({ code: 'conflict' });
      expect(calls).toHaveLength(1);
    });

    it('refuses a header and a field that name different keys: 400 idempotency_key_mismatch, nothing upstream', async () => {
      const { send, calls } = createHarness();
      const answer = await send(keyed('lead-other'), { headers: key });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        ok: false,
        code: 'idempotency_key_mismatch',
        message: expect.stringMatching(/different keys/),
        issues: [{ path: ['Idempotency-Key'] }, { path: ['idempotencyKey'] }],
      });
      expectRelayHeaders(answer);
      expect(calls).toHaveLength(0);
    });

    it.each([[''], ['has space'], ['a'.repeat(256)], [42], [{ key: 'k' }]])(
      'refuses a malformed key field %j with 400 invalid_lead naming the field',
      async (value) => {
        const { send, calls } = createHarness();
        const answer = await send(keyed(value), { headers: beacon });
        expect(answer.status).toBe(400);
        expect(answer.json).toMatchObject({ code: 'invalid_lead', issues: [{ path: ['idempotencyKey'] }] });
        expect(calls).toHaveLength(0);
      },
    );

    it('treats a null key field as no key', async () => {
      const { send, calls } = createHarness();
      await send(keyed(null), { headers: beacon });
      await send(keyed(null), { headers: beacon });
      expect(calls).toHaveLength(2);
    });
  });

  const downStore: IdempotencyStore = {
    begin: () => Promise.reject(new Error('store down')),
    complete: () => Promise.reject(new Error('store down')),
    release: () => Promise.reject(new Error('store down')),
  };

  it('fails open by default when the store is down: delivers, and warns', async () => {
    const { send, calls, logs } = createHarness({ idempotencyStore: downStore });
    expect((await send(lead(), { headers: key })).status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/idempotency store/) });
  });

  it('fails closed when asked: 503 unavailable with Retry-After, and nothing sent upstream', async () => {
    const { send, calls } = createHarness({ idempotencyStore: downStore, storeFailure: 'closed' });
    const answer = await send(lead(), { headers: key });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/duplicates/) });
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(calls).toHaveLength(0);
  });

  it('answers 503 in_flight when the first request with the key never finishes within the wait', async () => {
    // Another relay process holds the key and hangs: the store says pending for as long as this one asks.
    const stuck: IdempotencyStore = {
      begin: () => Promise.resolve({ state: 'pending' }),
      complete: () => Promise.resolve(),
      release: () => Promise.resolve(),
    };
    const { send, calls, logs } = createHarness({ idempotencyStore: stuck, upstreamDeadlineMs: 50 });
    const answer = await send(lead(), { headers: key });
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ code: 'in_flight', message: expect.stringMatching(/still being delivered/) });
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(calls).toHaveLength(0);
    expect(logs[0]).toMatchObject({ outcome: 'in_flight', message: expect.stringMatching(/still being delivered/) });
  });

  it('still answers 200 when the store fails after the lead was delivered', async () => {
    const memory = createMemoryIdempotencyStore();
    const { send, logs } = createHarness({
      idempotencyStore: { ...memory, complete: () => Promise.reject(new Error('store down')) },
      storeFailure: 'closed',
    });
    expect((await send(lead(), { headers: key })).status).toBe(200);
    expect(logs[0]).toMatchObject({ level: 'warn', message: expect.stringMatching(/after delivery/) });
  });
});

describe('upstream faults', () => {
  it('answers 504 upstream_timeout when Flowmatix does not answer', async () => {
    const { send, logs } = createHarness({
      upstreamTimeoutMs: 50,
      respond: () => new Promise<Response>(() => undefined),
    });
    const answer = await send(lead());
    expect(answer.status).toBe(504);
    expect(answer.json).toMatchObject({ code: 'upstream_timeout' });
    expect(logs[0]).toMatchObject({ upstreamStatus: 0, upstreamCode: 'timeout', level: 'warn' });
  });

  it('bounds retries by the overall deadline', async () => {
    const { send, calls } = createHarness({
      upstreamRetries: 5,
      upstreamDeadlineMs: 150,
      respond: () => new Response('overloaded', { status: 503, headers: { 'retry-after': '5' } }),
    });
    const started = Date.now();
    const answer = await send(lead());
    expect(answer.status).toBe(504);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(calls.length).toBeLessThan(6);
  });

  it('answers 502 when the connection is refused', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
      });
    });
    const logs: unknown[] = [];
    const relay = createRelay({
      token: TOKEN,
      bots: [BOT],
      apiUrl: `http://127.0.0.1:${closed}`,
      upstreamRetries: 0,
      logger: (entry) => {
        logs.push(entry);
        observe(JSON.stringify(entry));
      },
    });
    const response = await relay.fetch(
      new Request(RELAY_URL, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify(lead()),
      }),
    );
    const text = await response.text();
    observe(text);
    expect(response.status).toBe(502);
    expect(JSON.parse(text)).toMatchObject({ code: 'upstream_error' });
    expect(logs[0]).toMatchObject({ upstreamStatus: 0, upstreamCode: 'network' });
  });

  it('retries a burst of 5xx and succeeds when Flowmatix recovers', async () => {
    const { send, calls } = createHarness({
      upstreamRetries: 2,
      respond: (_request, call) => (call <= 2 ? new Response('', { status: call === 1 ? 502 : 504 }) : ok()),
    });
    expect((await send(lead())).status).toBe(200);
    expect(calls).toHaveLength(3);
  });

  it('gives up after the retries with 502 when the burst lasts', async () => {
    const { send, calls, logs } = createHarness({
      upstreamRetries: 2,
      respond: () => new Response('<html>503</html>', { status: 503 }),
    });
    const answer = await send(lead());
    expect(answer.status).toBe(502);
    expect(calls).toHaveLength(3);
    expect(logs[0]).toMatchObject({ upstreamStatus: 503, upstreamCode: 'http_error' });
  });

  it('does not retry a 400', async () => {
    const { send, calls } = createHarness({
      upstreamRetries: 2,
      respond: () => new Response(JSON.stringify({ success: false, message: 'bad' }), { status: 400 }),
    });
    expect((await send(lead())).status).toBe(502);
    expect(calls).toHaveLength(1);
  });

  it('answers 502 and logs an operator error when Flowmatix refuses the token', async () => {
    const { send, logs } = createHarness({
      respond: () => new Response(JSON.stringify({ success: false, message: 'Invalid token' }), { status: 401 }),
    });
    const answer = await send(lead());
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ code: 'upstream_error' });
    expect(String(answer.json.message)).not.toMatch(/token/i);
    expect(logs[0]).toMatchObject({
      level: 'error',
      upstreamStatus: 401,
      message: expect.stringMatching(/FLOWMATIX_TOKEN/),
    });
  });

  it('treats 200 with success:false as a failure', async () => {
    const { send } = createHarness({
      respond: () =>
        new Response(JSON.stringify({ success: false, message: 'uuid unknown', code: 404 }), { status: 200 }),
    });
    const answer = await send(lead());
    expect(answer.status).toBe(502);
    expect(JSON.stringify(answer.json)).not.toContain('uuid unknown');
  });

  it('answers 502 to a huge non-JSON body and passes none of it through', async () => {
    const { send } = createHarness({
      respond: () => new Response(`<html>${'x'.repeat(2_000_000)}</html>`, { status: 200 }),
    });
    const answer = await send(lead());
    expect(answer.status).toBe(502);
    expect(JSON.stringify(answer.json).length).toBeLessThan(300);
    expect(JSON.stringify(answer.json)).not.toContain('<html>');
  });

  it('answers 502 to a 200 that is not the JSON envelope', async () => {
    const { send } = createHarness({ respond: () => new Response('OK', { status: 200 }) });
    expect((await send(lead())).status).toBe(502);
  });

  it('passes nothing from the upstream answer: no Set-Cookie, no server headers, no body', async () => {
    const { send } = createHarness({
      respond: () =>
        new Response(JSON.stringify({ success: true, message: 'ok', code: 200, internal: 'agent-notes' }), {
          headers: {
            'content-type': 'application/json',
            'set-cookie': 'session=upstream-secret; HttpOnly',
            'x-powered-by': 'Express',
            'access-control-allow-origin': '*',
            'x-upstream-trace': 'abc',
          },
        }),
    });
    const answer = await send(lead());
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, requestId: expect.any(String) });
    expect([...answer.headers.keys()].sort()).toEqual([
      'cache-control',
      'content-type',
      'x-content-type-options',
      'x-request-id',
    ]);
  });

  it('gives a custom upstream the deadline as deadlineMs and as a signal, and answers 504 when it passes', async () => {
    const seen: { deadlineMs?: number; reason?: unknown }[] = [];
    const { send } = createHarness({
      upstreamDeadlineMs: 80,
      upstream: {
        updateLead: (_lead, options = {}) =>
          new Promise((_resolve, reject) => {
            const entry: (typeof seen)[number] = { deadlineMs: options.deadlineMs };
            seen.push(entry);
            options.signal?.addEventListener('abort', () => {
              entry.reason = options.signal?.reason;
              reject(new FlowmatixError('timeout', 'the custom upstream gave up at the deadline'));
            });
          }),
      },
    });
    expect((await send(lead())).status).toBe(504);
    expect(seen).toEqual([{ deadlineMs: 80, reason: expect.objectContaining({ name: 'TimeoutError' }) }]);
  });

  it('answers 502 when a custom upstream throws something unexpected', async () => {
    const { send, logs } = createHarness({
      upstream: { updateLead: () => Promise.reject(new TypeError('undefined is not a function')) },
    });
    expect((await send(lead())).status).toBe(502);
    expect(logs[0]).toMatchObject({ upstreamCode: 'unexpected' });
  });
});

describe('secrets', () => {
  it('sends the token only in the configured header, and nothing the browser sent', async () => {
    const { send, calls } = createHarness({ tokenHeader: 'Authorization-Token' });
    await send(lead(), {
      headers: {
        cookie: 'sid=visitor',
        authorization: 'Bearer visitor',
        'x-bp-token': 'forged',
        'x-forwarded-for': '1.2.3.4',
        'user-agent': 'visitor-agent',
      },
    });
    const headers = calls[0]?.headers ?? {};
    expect(headers['authorization-token']).toBe(TOKEN);
    expect(headers).not.toHaveProperty('cookie');
    expect(headers).not.toHaveProperty('authorization');
    expect(headers).not.toHaveProperty('x-bp-token');
    expect(headers).not.toHaveProperty('x-forwarded-for');
    expect(Object.values(headers).filter((value) => value === TOKEN)).toHaveLength(1);
    expect(JSON.stringify(calls[0]?.body)).not.toContain(TOKEN);
  });

  it('does not echo the token when Flowmatix echoes it back in every way it can', async () => {
    const { send } = createHarness({
      respond: (request) =>
        new Response(JSON.stringify({ success: false, message: `bad token ${request.headers.get('x-bp-token')}` }), {
          status: 403,
          headers: { 'set-cookie': `t=${TOKEN}`, 'x-echo': TOKEN },
        }),
    });
    const answer = await send(lead());
    expect(answer.status).toBe(502);
    expect(JSON.stringify([...answer.headers])).not.toContain(TOKEN);
  });

  it('keeps the token out of configuration errors', () => {
    for (const token of [`${TOKEN}\r\nX-Injected: 1`, ` ${TOKEN}`, `${TOKEN}\u0000`]) {
      let message = '';
      try {
        createRelay({ token, bots: [BOT] });
      } catch (error) {
        expect(error).toBeInstanceOf(RelayConfigurationError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/^token: /);
      expect(message).not.toContain(TOKEN.slice(9));
    }
  });

  it('keeps the token off the default console logger too', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
    const relay = createRelay({
      token: TOKEN,
      bots: [BOT],
      fetch: async () => new Response(`token ${TOKEN} rejected`, { status: 401 }),
    });
    await relay.fetch(
      new Request(RELAY_URL, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify(lead()),
      }),
    );
    expect(lines).toHaveLength(1);
    lines.forEach(observe);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'error', status: 502, upstreamStatus: 401 });
  });
});

describe('routing and failures', () => {
  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD'])(
    'answers %s on the relay path with 405 and Allow: POST',
    async (method) => {
      const { relay, answer } = createHarness();
      const result = await answer(await relay.fetch(new Request(RELAY_URL, { method, headers: { origin: ORIGIN } })));
      expect(result.status).toBe(405);
      expect(result.headers.get('allow')).toBe('POST');
      if (method !== 'HEAD') expect(result.json).toMatchObject({ code: 'method_not_allowed' });
    },
  );

  it('answers other paths with a JSON 404 not_found', async () => {
    const { send, logs } = createHarness();
    const answer = await send(lead(), { url: `${ORIGIN}/api/flowmatix/lead/extra` });
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({
      ok: false,
      code: 'not_found',
      message: expect.stringMatching(/POST \/api\/flowmatix\/lead/),
    });
    expectRelayHeaders(answer);
    expect(logs[0]).toMatchObject({ status: 404, outcome: 'not_found' });
  });

  it('bounds the path it logs: the one part of a log entry a client writes freely', async () => {
    const { send, logs } = createHarness();
    await send(lead(), { url: `${ORIGIN}/${'a'.repeat(5_000)}` });
    expect(logs[0]?.path.length).toBeLessThanOrEqual(201);
  });

  it('listens on a configured path', async () => {
    const { send } = createHarness({ path: '/hooks/lead' });
    expect((await send(lead(), { url: `${ORIGIN}/hooks/lead` })).status).toBe(200);
    expect((await send(lead())).status).toBe(404);
  });

  it('turns a thrown error into 500 internal_error and keeps serving', async () => {
    let calls = 0;
    const { fetch, send, logs } = createHarness({
      companionScript: () => {
        calls += 1;
        throw new Error('disk on fire');
      },
    });
    const broken = await fetch(new Request(`${ORIGIN}/flowmatix-leads.js`));
    expect(broken.status).toBe(500);
    expect(broken.json).toMatchObject({ ok: false, code: 'internal_error' });
    expect(logs[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/disk on fire/) });
    expect(calls).toBe(1);
    expect((await send(lead())).status).toBe(200);
  });

  it('survives a logger that throws', async () => {
    const { send } = createHarness({
      logger: () => {
        throw new Error('log sink full');
      },
    });
    expect((await send(lead())).status).toBe(200);
  });

  it('serves the companion with its type, a long cache and an ETag that revalidates', async () => {
    const { relay } = createHarness({ companionScript: '(()=>{})();' });
    const first = await relay.fetch(new Request(`${ORIGIN}/flowmatix-leads.js`));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(first.headers.get('cache-control')).toBe('public, max-age=604800');
    expect(await first.text()).toBe('(()=>{})();');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\da-f]{32}"$/);
    const again = await relay.fetch(
      new Request(`${ORIGIN}/flowmatix-leads.js`, { headers: { 'if-none-match': etag } }),
    );
    expect(again.status).toBe(304);
  });
});

describe('health', () => {
  const HEALTH_URL = `${ORIGIN}${DEFAULT_HEALTH_PATH}`;
  const downStores = {
    rateLimitStore: { take: vi.fn(() => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379'))) },
    idempotencyStore: {
      begin: vi.fn(() => Promise.reject(new Error('store down'))),
      complete: vi.fn(() => Promise.reject(new Error('store down'))),
      release: vi.fn(() => Promise.reject(new Error('store down'))),
    },
  };

  it('answers GET /api/flowmatix/health with 200 {ok, requestId}, uncached, without touching upstream or the stores', async () => {
    expect(DEFAULT_HEALTH_PATH).toBe('/api/flowmatix/health');
    const { fetch, calls, logs } = createHarness({ ...downStores, storeFailure: 'closed' });
    const answer = await fetch(new Request(HEALTH_URL));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ ok: true, requestId: expect.any(String) });
    expectRelayHeaders(answer);
    expect(calls).toHaveLength(0);
    expect(downStores.rateLimitStore.take).not.toHaveBeenCalled();
    expect(downStores.idempotencyStore.begin).not.toHaveBeenCalled();
    expect(logs).toMatchObject([
      { level: 'info', method: 'GET', path: '/api/flowmatix/health', status: 200, outcome: 'health' },
    ]);
  });

  it('answers HEAD with the same status and headers and no body', async () => {
    const { relay } = createHarness();
    const response = await relay.fetch(new Request(HEALTH_URL, { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^[\da-f-]{36}$/);
    expect(await response.text()).toBe('');
  });

  it('needs no Origin: a load balancer sends none, and the answer is the same from anywhere', async () => {
    const { fetch } = createHarness();
    const answer = await fetch(
      new Request(HEALTH_URL, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }),
    );
    expect(answer.status).toBe(200);
    expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('says nothing of the configuration: the body holds ok and requestId only, whatever the options', async () => {
    const { fetch } = createHarness({
      bots: [BOT, { botId: 'second-bot', customerId: 'second-customer' }],
      allowedOrigins: 'https://www.shop.example',
      storeFailure: 'closed',
      defaults: { tags: ['website'] },
    });
    const answer = await fetch(new Request(HEALTH_URL));
    expect(Object.keys(answer.json).sort()).toEqual(['ok', 'requestId']);
    const headers = JSON.stringify([...answer.headers]);
    for (const secret of [TOKEN, BOT.botId, 'second-bot', 'www.shop.example', 'website', 'closed']) {
      expect(headers).not.toContain(secret);
    }
  });

  it.each(['POST', 'PUT', 'DELETE'])('answers %s with 405 and Allow: GET, HEAD', async (method) => {
    const { fetch } = createHarness();
    const answer = await fetch(new Request(HEALTH_URL, { method, headers: { origin: ORIGIN } }));
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
    expect(answer.json).toMatchObject({ code: 'method_not_allowed' });
  });

  it.each([
    ['/hooks/lead', '/hooks/health'],
    ['/lead', '/health'],
    ['/api/v2/leads/', '/api/v2/health'],
  ])('sits beside a configured relay path: %s gives %s', async (path, healthPath) => {
    const { fetch } = createHarness({ path });
    expect((await fetch(new Request(`${ORIGIN}${healthPath}`))).status).toBe(200);
    expect((await fetch(new Request(`${ORIGIN}/api/flowmatix/health`))).status).toBe(404);
  });

  it('listens on a configured healthPath, or nowhere with false', async () => {
    const custom = createHarness({ healthPath: '/healthz' });
    expect((await custom.fetch(new Request(`${ORIGIN}/healthz`))).status).toBe(200);
    expect((await custom.fetch(new Request(HEALTH_URL))).status).toBe(404);
    const none = createHarness({ healthPath: false });
    const answer = await none.fetch(new Request(HEALTH_URL));
    expect(answer.status).toBe(404);
    expect(answer.json.code).toBe('not_found');
  });
});

describe('configuration', () => {
  it.each([
    [{ bots: [BOT] }, /token: .*required/],
    [{ token: '', bots: [BOT] }, /token: .*required/],
    [{ token: TOKEN, bots: '' }, /bots: list at least one/],
    [{ token: TOKEN, bots: [BOT], path: 'api/lead' }, /path: /],
    [{ token: TOKEN, bots: [BOT], path: '/api/:id' }, /path: /],
    [{ token: TOKEN, bots: [BOT], healthPath: 'health' }, /healthPath: "health" must start with/],
    [{ token: TOKEN, bots: [BOT], healthPath: '/api/flowmatix/lead' }, /healthPath: .*is the relay path itself/],
    [{ token: TOKEN, bots: [BOT], path: '/api/health' }, /healthPath: "\/api\/health" is the relay path itself/],
    [{ token: TOKEN, bots: [BOT], healthPath: '/flowmatix-leads.js' }, /healthPath: .*companion script/],
    [{ token: TOKEN, bots: [BOT], apiUrl: 'not a url' }, /apiUrl: /],
    [{ token: TOKEN, bots: [BOT], tokenHeader: 'x bp' }, /tokenHeader: /],
    [{ token: TOKEN, bots: [BOT], transport: 'node' }, /transport: expected a function/],
    [{ token: TOKEN, bots: [BOT], bodyLimit: -1 }, /bodyLimit must be a positive/],
    [{ token: TOKEN, bots: [BOT], trustProxy: -2 }, /trustProxy: /],
    [{ token: TOKEN, bots: [BOT], trustProxy: 'x forwarded' }, /trustProxy: /],
    [{ token: TOKEN, bots: [BOT], storeFailure: 'maybe' }, /storeFailure: /],
    [{ token: TOKEN, bots: [BOT], rateLimit: { ip: { capacity: 0, refillPerSecond: 1 } } }, /rateLimit\.ip\.capacity/],
    [{ token: TOKEN, bots: [BOT], rateLimit: { uuid: { capacity: 1 } } }, /rateLimit\.uuid\.refillPerSecond/],
    [{ token: TOKEN, bots: [BOT], allowedOrigins: 'https://*.example.com' }, /allowedOrigins: /],
    [{ token: TOKEN, bots: [BOT], defaults: { status: 'DONE' } }, /defaults\.status/],
    [{ token: TOKEN, bots: [BOT], defaults: { picture: 'https://x.example/a.png' } }, /defaults/],
    [
      { token: TOKEN, bots: [BOT], defaults: { notes: Array(4).fill({ title: 'a', description: 'b' }) } },
      /defaults\.notes/,
    ],
  ])('refuses %j at creation with a clear message', (options, message) => {
    expect(() => createRelay(options as never)).toThrow(RelayConfigurationError);
    expect(() => createRelay(options as never)).toThrow(message);
  });

  it('needs no token when given an upstream', () => {
    expect(() => createRelay({ bots: [BOT], upstream: { updateLead: async () => undefined } })).not.toThrow();
  });
});
