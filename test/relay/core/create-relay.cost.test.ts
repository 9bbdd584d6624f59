import { afterAll, describe, expect, it } from 'vitest';
import { listCheckCap } from '../../../src/relay/core/validate-lead';
import { BOT, createHarness, expectTokenNeverObserved, lead, OTHER_UUID, UUID } from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

const node = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

/** The crafted lead of a probe: as many zeros in `notes` as a 16 KB body holds. */
const zeros = (count = 8_100) => lead({ notes: Array.from({ length: count }, () => 0) });

describe('cost bounded before work', () => {
  it('answers a 16 KB lead of thousands of bad notes with a short answer and a log line under 2 KB', async () => {
    const { send, calls, logs, relay, request } = createHarness();
    const body = zeros();
    expect(JSON.stringify(body).length).toBeGreaterThan(16_000);
    const response = await relay.fetch(request(body));
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text.length).toBeLessThan(1_024);
    const answer = JSON.parse(text) as { dropped: string[]; droppedCount: number };
    const cap = listCheckCap('notes');
    expect(answer.dropped).toHaveLength(10);
    expect(answer.dropped[0]).toBe('notes[0]');
    expect(answer.droppedCount).toBe(cap + 1);
    const line = JSON.stringify(logs.at(-1));
    expect(line.length).toBeLessThanOrEqual(2_048);
    expect(logs.at(-1)).toMatchObject({ droppedCount: cap + 1, dropped: answer.dropped });
    const notes = calls[0]?.body.notes as { title: string; description: string }[];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.description.length).toBeLessThanOrEqual(5_000);
    expect(notes[0]?.description).toContain(`notes[${cap}..8099]: [0, 0,`);
    // The same lead again, from another visitor, answers alike.
    expect((await send({ ...body, uuid: OTHER_UUID })).json.droppedCount).toBe(cap + 1);
  });

  it('checks a list only up to twice its limit, and names what lies past that as one range', async () => {
    const { send, calls } = createHarness({ bodyLimit: 64 * 1024 });
    const note = (index: number) => ({ title: `Question ${index}`, description: `Answer ${index}` });
    // Bad notes first, so that a good one would be kept if every element were checked.
    const notes = [...Array.from({ length: 45 }, () => 7), note(45)];
    const tags = Array.from({ length: 200 }, (_, index) => `tag${index}`);
    const answer = await send(lead({ notes, tags }));
    expect(answer.status).toBe(200);
    expect(answer.json.droppedCount).toBe(40 + 1 + 30 + 1);
    const sent = calls[0]?.body ?? {};
    expect((sent.notes as { title: string }[]).map((kept) => kept.title)).toEqual(['Fields kept as text']);
    expect(sent.tags).toHaveLength(30);
    const kept = (sent.notes as { description: string }[])[0]?.description ?? '';
    expect(kept).toMatch(/^notes\[40\.\.45\]: \[7, 7, 7, 7, 7, \{.*\(are past the first 20 notes \(6 entries\)\)$/m);
    expect(kept).toMatch(/^tags\[60\.\.199\]: \["tag60", /m);
  });

  it('applies the rate limits before the schema: a refused lead is not validated first', async () => {
    const { send, logs } = createHarness({ rateLimit: { ip: { capacity: 1, refillPerSecond: 0.001 } } });
    const env = node('203.0.113.7');
    expect((await send(lead(), { env })).status).toBe(200);
    const invalid = await send({ ...BOT, uuid: 'not-a-uuid', email: 7 }, { env });
    expect(invalid.status).toBe(429);
    expect((await send(zeros(), { env })).status).toBe(429);
    expect(logs.slice(1).map((entry) => [entry.outcome, entry.limit, entry.dropped])).toEqual([
      ['rate_limited', 'ip', undefined],
      ['rate_limited', 'ip', undefined],
    ]);
  });

  it('counts a visitor and a bot before the schema, reading them from the body as sent', async () => {
    const { send, logs } = createHarness({ rateLimit: { uuid: { capacity: 1, refillPerSecond: 0.001 } } });
    expect((await send(lead({ uuid: UUID.toUpperCase() }))).status).toBe(200);
    expect((await send(lead({ uuid: ` ${UUID} `, email: 7, notes: 5 }))).status).toBe(429);
    // Refused before the schema read the fields it would have dropped.
    expect(logs.at(-1)).toMatchObject({ outcome: 'rate_limited', limit: 'uuid' });
    expect(logs.at(-1)?.dropped).toBeUndefined();
    expect((await send(lead({ uuid: OTHER_UUID }))).status).toBe(200);
  });

  it('never counts a bot it does not serve: made-up bot ids make no buckets and cannot exhaust a real one', async () => {
    const { send } = createHarness({ rateLimit: { bot: { capacity: 2, refillPerSecond: 0.001 } } });
    for (let index = 0; index < 5; index += 1) {
      expect((await send(lead({ botId: `made-up-${index}` }))).status).toBe(403);
      expect((await send(lead({ botId: 'bad id!' }))).status).toBe(400);
    }
    expect((await send(lead())).status).toBe(200);
    expect((await send(lead({ uuid: OTHER_UUID }))).status).toBe(200);
    expect((await send(lead())).status).toBe(429);
  });

  it('holds an unattached lead to the address and bot limits only, as before', async () => {
    const { send } = createHarness({ rateLimit: { uuid: { capacity: 1, refillPerSecond: 0.001 } } });
    for (const uuid of [undefined, null, '', '  ']) {
      expect((await send(lead({ uuid }))).status).toBe(202);
      expect((await send(lead({ uuid }))).status).toBe(202);
    }
  });
});
