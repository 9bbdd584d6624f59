import { describe, expect, it } from 'vitest';
import { applyLead } from '../../src/sandbox/apply-lead';

const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
const at = (iso: string) => {
  let count = 0;
  return { now: new Date(iso), newId: () => String(count++).padStart(24, '0') };
};
const identity = { uuid: UUID, botId: 'b', customerId: 'c' };

describe('applyLead', () => {
  it('creates an open chat with ids and both timestamps', () => {
    const chat = applyLead(undefined, identity, at('2024-05-01T10:00:00.000Z'));
    expect(chat).toEqual({
      _id: '000000000000000000000000',
      uuid: UUID,
      createdAt: '2024-05-01T10:00:00.000Z',
      updatedAt: '2024-05-01T10:00:00.000Z',
      isOnline: false,
      status: 'OPEN',
      profile: { notes: [], userDetails: { contact: {}, tags: [], attributes: [] } },
    });
  });

  it('keeps createdAt and _id on update and moves updatedAt', () => {
    const created = applyLead(undefined, identity, at('2024-05-01T10:00:00.000Z'));
    const updated = applyLead(created, { ...identity, name: 'Ada' }, at('2024-05-02T10:00:00.000Z'));
    expect(updated).toMatchObject({
      _id: created._id,
      createdAt: created.createdAt,
      updatedAt: '2024-05-02T10:00:00.000Z',
    });
  });

  it('does not modify the chat it is given', () => {
    const created = applyLead(undefined, { ...identity, tags: ['a'] }, at('2024-05-01T10:00:00.000Z'));
    const copy = structuredClone(created);
    applyLead(created, { ...identity, name: 'Ada', tags: ['b'] }, at('2024-05-02T10:00:00.000Z'));
    expect(created).toEqual(copy);
  });

  it('stores the dial code as the phone prefix without "+", and updates number and prefix independently', () => {
    const clock = at('2024-05-01T10:00:00Z');
    const first = applyLead(undefined, { ...identity, phone: '9876543210', dialCode: '+91' }, clock);
    expect(first.profile?.userDetails?.contact?.phone).toEqual({ number: '9876543210', prefix: '91' });
    const second = applyLead(first, { ...identity, phone: '9123456789' }, clock);
    expect(second.profile?.userDetails?.contact?.phone).toEqual({ number: '9123456789', prefix: '91' });
  });

  it('sets the server-side fields status, picture and agent', () => {
    const chat = applyLead(
      undefined,
      { ...identity, status: 'CLOSED', picture: 'https://example.com/a.png', agentId: '631aa793bcfa100487d13d0d' },
      at('2024-05-01T10:00:00Z'),
    );
    expect(chat).toMatchObject({
      status: 'CLOSED',
      _agentAssigned: '631aa793bcfa100487d13d0d',
      profile: { userDetails: { picture: 'https://example.com/a.png' } },
    });
  });

  it('adds a note only when no note has the same title and description', () => {
    const clock = at('2024-05-01T10:00:00Z');
    const first = applyLead(undefined, { ...identity, notes: [{ title: 'A', description: 'x' }] }, clock);
    const second = applyLead(
      first,
      {
        ...identity,
        notes: [
          { title: 'A', description: 'x' },
          { title: 'A', description: 'y' },
        ],
      },
      clock,
    );
    expect(second.profile?.notes?.map(({ title, description }) => `${title}/${description}`)).toEqual(['A/x', 'A/y']);
    expect(new Set(second.profile?.notes?.map((note) => note._id)).size).toBe(2);
  });
});
