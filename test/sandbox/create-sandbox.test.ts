import { describe, expect, it } from 'vitest';
import { createSandbox, isLeadChat, type SandboxOptions } from '../../src/sandbox/create-sandbox';
import type { Chat, ChatUserDetails } from '../../src/shared/chat';

const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
const OTHER_UUID = '0b6f5c43-8f5e-4d0e-9d7a-2f1c5e8a9b10';
const TOKEN = 'sandbox-test-token';
const ORIGIN = 'http://sandbox.test';

const setup = (options: SandboxOptions = {}) => {
  const sandbox = createSandbox({ token: TOKEN, ...options });
  const put = (body: unknown, headers: Record<string, string> = { 'x-bp-token': TOKEN }) =>
    sandbox.fetch(
      new Request(`${ORIGIN}/inbox/direct/lead`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );
  const list = (query: Record<string, string>, headers: Record<string, string> = { 'x-bot-token': TOKEN }) =>
    sandbox.fetch(new Request(`${ORIGIN}/inbox/direct/chats?${new URLSearchParams(query)}`, { headers }));
  const listLeads = async (page = 1, type = 'lead', botId = 'b', customerId = 'c') => {
    const response = await list({ botId, customerId, page: String(page), type });
    expect(response.status).toBe(200);
    return ((await response.json()) as { data: { uuid: string; profile?: unknown }[] }).data;
  };
  return { sandbox, put, list, listLeads };
};

const lead = (fields: Record<string, unknown> = {}) => ({ uuid: UUID, botId: 'b', customerId: 'c', ...fields });

describe('createSandbox: PUT /inbox/direct/lead', () => {
  it('answers the documented success envelope and stores the chat in the documented shape', async () => {
    const { sandbox, put } = setup({ now: () => new Date('2024-05-01T10:00:00.000Z') });
    const response = await put(
      lead({ name: 'Ada', email: 'ada@example.com', phone: '9876543210', dialCode: '+91', tags: ['web'] }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, message: 'ok', code: 200 });
    const [chat] = sandbox.chats();
    expect(chat).toMatchObject({
      uuid: UUID,
      createdAt: '2024-05-01T10:00:00.000Z',
      updatedAt: '2024-05-01T10:00:00.000Z',
      status: 'OPEN',
      profile: {
        notes: [],
        userDetails: {
          name: 'Ada',
          tags: ['web'],
          attributes: [],
          contact: { email: 'ada@example.com', phone: { number: '9876543210', prefix: '91' } },
        },
      },
    });
    expect(chat?._id).toMatch(/^[\da-f]{24}$/);
    expect(sandbox.puts()).toBe(1);
  });

  it('upserts by uuid: given fields replace, tags are a set, attributes merge by key, notes not doubled', async () => {
    const { sandbox, put } = setup();
    const note = { title: 'Contact us', description: 'Hello' };
    await put(
      lead({
        name: 'Ada',
        email: 'ada@example.com',
        tags: ['web', 'bakery'],
        attributes: [
          { key: 'plan', value: 'free' },
          { key: 'city', value: 'Pune' },
        ],
        notes: [note],
      }),
    );
    await put(
      lead({
        name: 'Ada Lovelace',
        tags: ['bakery', 'vip'],
        attributes: [{ key: 'plan', value: 'pro' }],
        notes: [note, { title: 'Call back', description: 'Tomorrow' }],
      }),
    );
    const chats = sandbox.chats();
    expect(chats).toHaveLength(1);
    const details = chats[0]?.profile?.userDetails;
    expect(details?.name).toBe('Ada Lovelace');
    expect(details?.contact?.email).toBe('ada@example.com');
    expect(details?.tags).toEqual(['web', 'bakery', 'vip']);
    expect(details?.attributes).toEqual([
      { key: 'plan', value: 'pro' },
      { key: 'city', value: 'Pune' },
    ]);
    expect(chats[0]?.profile?.notes?.map(({ title }) => title)).toEqual(['Contact us', 'Call back']);
    expect(sandbox.puts()).toBe(2);
  });

  it('keeps chats of different bots apart even when their uuids are equal', async () => {
    const { sandbox, put, listLeads } = setup();
    await put(lead({ name: 'Ada' }));
    await put(lead({ botId: 'other', name: 'Grace' }));
    expect(sandbox.chats()).toHaveLength(2);
    expect((await listLeads()).map((chat) => chat.profile)).toMatchObject([{ userDetails: { name: 'Ada' } }]);
    expect(await listLeads(1, 'lead', 'other')).toHaveLength(1);
  });

  it('answers 401 without the token, with a wrong one, or with the list header, and stores nothing', async () => {
    const { sandbox, put } = setup();
    const attempts: Record<string, string>[] = [{}, { 'x-bp-token': 'wrong' }, { 'x-bot-token': TOKEN }];
    for (const headers of attempts) {
      const response = await put(lead({ name: 'Ada' }), headers);
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body).toMatchObject({ success: false, code: 401, message: expect.stringContaining('x-bp-token') });
    }
    expect(sandbox.chats()).toEqual([]);
    expect(sandbox.puts()).toBe(0);
  });

  it('answers 400 with field-level reasons for an invalid lead, and stores nothing', async () => {
    const { sandbox, put } = setup();
    const response = await put(lead({ uuid: 'not-a-uuid', email: 'nope', unknown: 1 }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { success: boolean; code: number; errors: { path: unknown[] }[] };
    expect(body).toMatchObject({ success: false, code: 400, message: 'The lead is not valid' });
    expect(body.errors.map((error) => error.path)).toEqual(expect.arrayContaining([['uuid'], ['email']]));
    expect(sandbox.chats()).toEqual([]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const { put } = setup();
    const response = await put('{"uuid":');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ success: false, code: 400, message: 'The body is not valid JSON' });
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const { put } = setup();
    const response = await put(lead({ name: 'x'.repeat(1024 * 1024) }));
    expect(response.status).toBe(413);
  });

  it('leaves an existing chat unchanged when an update is invalid', async () => {
    const { sandbox, put } = setup();
    await put(lead({ name: 'Ada', tags: ['web'] }));
    const before = sandbox.chats();
    expect((await put(lead({ name: 'Grace', tags: ['x'], email: 'broken' }))).status).toBe(400);
    expect(sandbox.chats()).toEqual(before);
  });

  it('answers 405 with Allow for another method on an API path, and 404 elsewhere', async () => {
    const { sandbox } = setup();
    const post = await sandbox.fetch(new Request(`${ORIGIN}/inbox/direct/lead`, { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('PUT');
    const missing = await sandbox.fetch(new Request(`${ORIGIN}/inbox/elsewhere`));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ success: false, code: 404 });
  });
});

describe('createSandbox: GET /inbox/direct/chats', () => {
  it('lists chats with any contact detail as leads and the others as non-leads', async () => {
    const { put, listLeads } = setup();
    await put(lead({ name: 'Ada' }));
    await put(lead({ uuid: OTHER_UUID, tags: ['visitor'] }));
    expect((await listLeads(1, 'lead')).map((chat) => chat.uuid)).toEqual([UUID]);
    expect((await listLeads(1, 'non-lead')).map((chat) => chat.uuid)).toEqual([OTHER_UUID]);
  });

  it('pages with a fixed size, most recently updated first, and answers an empty page past the end', async () => {
    let second = 0;
    const { put, listLeads } = setup({ pageSize: 2, now: () => new Date(Date.UTC(2024, 0, 1, 0, 0, (second += 1))) });
    const uuids = Array.from({ length: 5 }, (_, index) => `00000000-0000-4000-8000-00000000000${index}`);
    for (const uuid of uuids) await put(lead({ uuid, email: `${uuid.slice(-1)}@example.com` }));
    const pages = [await listLeads(1), await listLeads(2), await listLeads(3), await listLeads(4)];
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1, 0]);
    expect(pages.flat().map((chat) => chat.uuid)).toEqual([...uuids].reverse());
  });

  it('answers 401 with a wrong token or with the PUT header', async () => {
    const { list } = setup();
    const query = { botId: 'b', customerId: 'c', page: '1', type: 'lead' };
    const attempts: Record<string, string>[] = [{}, { 'x-bot-token': 'wrong' }, { 'x-bp-token': TOKEN }];
    for (const headers of attempts) {
      const response = await list(query, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ success: false, code: 401 });
    }
  });

  it.each([
    [{ customerId: 'c', page: '1', type: 'lead' }, 'botId'],
    [{ botId: 'b', page: '1', type: 'lead' }, 'customerId'],
    [{ botId: 'b', customerId: 'c', type: 'lead' }, 'page'],
    [{ botId: 'b', customerId: 'c', page: '0', type: 'lead' }, 'page'],
    [{ botId: 'b', customerId: 'c', page: '1.5', type: 'lead' }, 'page'],
    [{ botId: 'b', customerId: 'c', page: '1' }, 'type'],
    [{ botId: 'b', customerId: 'c', page: '1', type: 'leads' }, 'type'],
  ])('answers 400 naming the bad parameter for %o', async (query, name) => {
    const { list } = setup();
    const response = await list(query);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { path: string[] }[] };
    expect(body.errors.map((error) => error.path[0])).toEqual([name]);
  });
});

describe('createSandbox: visitors it has never seen', () => {
  const register = (sandbox: ReturnType<typeof createSandbox>, body: unknown) =>
    sandbox.fetch(
      new Request(`${ORIGIN}/widget/visitors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    );

  it('accepts a PUT for any uuid by default, creating its chat', async () => {
    const { sandbox, put } = setup();
    expect((await put(lead({ name: 'Ada' }))).status).toBe(200);
    expect(sandbox.chats().map((chat) => chat.uuid)).toEqual([UUID]);
  });

  it('under reject answers 404 in the vendor envelope for an unseen uuid, and stores nothing', async () => {
    const { sandbox, put } = setup({ unknownUuid: 'reject' });
    const response = await put(lead({ name: 'Ada' }));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ success: false, message: 'Chat not found for uuid', code: 404 });
    expect(sandbox.chats()).toEqual([]);
    expect(sandbox.puts()).toBe(0);
  });

  it('under reject still answers 401 and 400 first: only a valid, authorised lead has its uuid looked at', async () => {
    const { put } = setup({ unknownUuid: 'reject' });
    expect((await put(lead({ name: 'Ada' }), {})).status).toBe(401);
    expect((await put(lead({ email: 'nope' }))).status).toBe(400);
  });

  it('under reject accepts a uuid the widget registered with POST /widget/visitors (204, no token)', async () => {
    const { sandbox, put } = setup({ unknownUuid: 'reject' });
    const registered = await register(sandbox, { botId: 'b', customerId: 'c', uuid: UUID });
    expect(registered.status).toBe(204);
    expect(await registered.text()).toBe('');
    expect((await put(lead({ name: 'Ada' }))).status).toBe(200);
    expect((await put(lead({ uuid: OTHER_UUID, name: 'Grace' }))).status).toBe(404);
    expect(sandbox.chats().map((chat) => chat.uuid)).toEqual([UUID]);
  });

  it('under reject accepts a uuid registered in-process with registerVisitor()', async () => {
    const { sandbox, put } = setup({ unknownUuid: 'reject' });
    sandbox.registerVisitor(UUID);
    expect((await put(lead({ name: 'Ada' }))).status).toBe(200);
    expect(() => sandbox.registerVisitor('not-a-uuid')).toThrow(TypeError);
  });

  it('under reject keeps accepting a uuid that has a chat, such as one kept in the store', async () => {
    const { createMemoryStore } = await import('../../src/sandbox/sandbox-store');
    const first = setup();
    await first.put(lead({ name: 'Ada' }));
    const store = createMemoryStore(first.sandbox.chats().map((chat) => ({ botId: 'b', customerId: 'c', chat })));
    const { put } = setup({ unknownUuid: 'reject', store });
    expect((await put(lead({ email: 'ada@example.com' }))).status).toBe(200);
  });

  it('reset() forgets registered visitors too', async () => {
    const { sandbox, put } = setup({ unknownUuid: 'reject' });
    sandbox.registerVisitor(UUID);
    sandbox.reset();
    expect((await put(lead({ name: 'Ada' }))).status).toBe(404);
  });

  it.each([
    ['not JSON', '{"uuid":', 'The body is not valid JSON', undefined],
    ['null', 'null', 'The visitor is not valid', ['botId', 'customerId', 'uuid']],
    ['no bot', { customerId: 'c', uuid: UUID }, 'The visitor is not valid', ['botId']],
    ['an empty customer', { botId: 'b', customerId: ' ', uuid: UUID }, 'The visitor is not valid', ['customerId']],
    ['a bad uuid', { botId: 'b', customerId: 'c', uuid: 'abc' }, 'The visitor is not valid', ['uuid']],
  ])('answers POST /widget/visitors with %s 400 in the vendor envelope', async (_name, body, message, fields) => {
    const { sandbox, put } = setup({ unknownUuid: 'reject' });
    const response = await register(sandbox, body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { success: boolean; code: number; errors?: { path: string[] }[] };
    expect(answer).toMatchObject({ success: false, code: 400, message });
    expect(answer.errors?.map((error) => error.path[0])).toEqual(fields);
    expect((await put(lead({ name: 'Ada' }))).status).toBe(404);
  });

  it('answers 405 with Allow: POST for another method on /widget/visitors', async () => {
    const { sandbox } = setup();
    const response = await sandbox.fetch(new Request(`${ORIGIN}/widget/visitors`));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('registers visitors whatever faults the API plays: the widget is not the API', async () => {
    const { sandbox, put } = setup({ unknownUuid: 'reject', injectStatus: { status: 503, times: 1 } });
    expect((await register(sandbox, { botId: 'b', customerId: 'c', uuid: UUID })).status).toBe(204);
    expect((await put(lead({ name: 'Ada' }))).status).toBe(503);
    expect((await put(lead({ name: 'Ada' }))).status).toBe(200);
  });

  it('says its mode on /, and refuses a mode it does not know', async () => {
    const { sandbox } = setup({ unknownUuid: 'reject' });
    expect(await (await sandbox.fetch(new Request(`${ORIGIN}/`))).json()).toMatchObject({
      data: { unknownUuid: 'reject' },
    });
    expect(() => createSandbox({ unknownUuid: 'maybe' as 'accept' })).toThrow(RangeError);
  });
});

describe('createSandbox: faults', () => {
  it('answers an injected status the given times, with Retry-After, and stores nothing meanwhile', async () => {
    const { sandbox, put } = setup({ injectStatus: { status: 429, times: 1, retryAfter: 2 } });
    const refused = await put(lead({ name: 'Ada' }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toMatchObject({ success: false, code: 429 });
    expect(sandbox.chats()).toEqual([]);
    expect((await put(lead({ name: 'Ada' }))).status).toBe(200);
    expect(sandbox.puts()).toBe(1);
  });

  it('can inject a 2xx that says success: false', async () => {
    const { put } = setup({ injectStatus: { status: 200 } });
    expect(await (await put(lead({ name: 'Ada' }))).json()).toMatchObject({ success: false, code: 200 });
  });

  it('fails the share of requests set by failureRate with 503', async () => {
    const draws = [0.1, 0.9];
    const { put } = setup({ failureRate: 0.5, random: () => draws.shift() ?? 0.9 });
    expect((await put(lead({ name: 'Ada' }))).status).toBe(503);
    expect((await put(lead({ name: 'Ada' }))).status).toBe(200);
  });

  it('waits the latency before answering, and setFaults({}) turns faults off', async () => {
    const { sandbox, put } = setup({ latencyMs: 80 });
    let started = performance.now();
    await put(lead({ name: 'Ada' }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    sandbox.setFaults({ injectStatus: { status: 500 } });
    expect((await put(lead({ name: 'Ada' }))).status).toBe(500);
    sandbox.setFaults({});
    started = performance.now();
    expect((await put(lead({ name: 'Ada' }))).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(75);
  });

  it('drops a request whose client went away during the latency', async () => {
    const { sandbox } = setup({ latencyMs: 1000 });
    const controller = new AbortController();
    const pending = sandbox.fetch(
      new Request(`${ORIGIN}/inbox/direct/lead`, {
        method: 'PUT',
        headers: { 'x-bp-token': TOKEN },
        body: JSON.stringify(lead({ name: 'Ada' })),
        signal: controller.signal,
      }),
    );
    controller.abort();
    expect((await pending).status).toBe(499);
    expect(sandbox.chats()).toEqual([]);
  });

  it('rejects fault settings out of range', () => {
    expect(() => createSandbox({ failureRate: 2 })).toThrow(RangeError);
    expect(() => createSandbox({ latencyMs: [50, 10] })).toThrow(RangeError);
    expect(() => createSandbox({ injectStatus: { status: 99 } })).toThrow(RangeError);
    expect(() => createSandbox({ pageSize: 0 })).toThrow(RangeError);
  });
});

describe('createSandbox: the rest', () => {
  it('serves a status without a token on / and /health', async () => {
    const { sandbox, put } = setup();
    await put(lead({ name: 'Ada' }));
    const root = await sandbox.fetch(new Request(`${ORIGIN}/`));
    expect(await root.json()).toMatchObject({ success: true, data: { chats: 1, pageSize: 20 } });
    expect(JSON.stringify(await (await sandbox.fetch(new Request(`${ORIGIN}/`))).json())).not.toContain(TOKEN);
    expect((await sandbox.fetch(new Request(`${ORIGIN}/health`))).status).toBe(200);
  });

  it('makes up a random token when none is given', () => {
    const first = createSandbox().token;
    expect(first).toMatch(/^sandbox-[\da-f]{32}$/);
    expect(createSandbox().token).not.toBe(first);
  });

  it('reset() forgets chats and the PUT count', async () => {
    const { sandbox, put } = setup();
    await put(lead({ name: 'Ada' }));
    sandbox.reset();
    expect(sandbox.chats()).toEqual([]);
    expect(sandbox.puts()).toBe(0);
  });

  it('chats() returns copies', async () => {
    const { sandbox, put } = setup();
    await put(lead({ name: 'Ada' }));
    const [chat] = sandbox.chats();
    if (chat) chat.uuid = 'changed';
    expect(sandbox.chats()[0]?.uuid).toBe(UUID);
  });
});

const withDetails = (userDetails: ChatUserDetails): Chat => ({ uuid: UUID, profile: { userDetails } });

describe('isLeadChat', () => {
  it.each([
    ['a name', withDetails({ name: 'Ada' })],
    ['an email', withDetails({ contact: { email: 'ada@example.com' } })],
    ['a phone number', withDetails({ contact: { phone: { number: '9876543210' } } })],
  ])('counts a chat with %s as a lead', (_what, chat) => {
    expect(isLeadChat(chat)).toBe(true);
  });

  it.each([
    ['no profile', { uuid: UUID }],
    ['only tags and attributes', withDetails({ tags: ['web'], attributes: [{ key: 'a', value: 'b' }] })],
    ['blank contact fields', withDetails({ name: '  ', contact: { email: '', phone: { prefix: '91' } } })],
  ])('does not count a chat with %s as a lead', (_what, chat: Chat) => {
    expect(isLeadChat(chat)).toBe(false);
  });
});
