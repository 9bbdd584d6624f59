import { describe, expect, it } from 'vitest';
import { parseChatList } from '../../src/flowmatix/parse-chat-list';

// The documented sample answer's chat, as the vendor page shows it.
const SAMPLE = {
  _id: '63d9ffa77a8d152facbe2f2f',
  uuid: '7e88d192-9b20-4035-9b68-d4ac3d58a34f',
  createdAt: '2023-02-01T05:59:03.533Z',
  isOnline: false,
  lastMessage: { at: '2023-02-01T06:00:20.000Z', by: 'bot', text: 'Welcome to Flowmatix. I am here to help you.' },
  lastSeenAt: '2023-02-01T06:00:21.000Z',
  profile: {
    notes: [{ title: 'Sample title', description: 'Sample description', _id: '63db5c4abcbc3be2e95b20ae' }],
    userDetails: {
      name: 'Sample name',
      picture: 'my-picture',
      contact: { email: 'Sample email', phone: { number: 'Sample number', prefix: '91' } },
      city: 'Sample city',
      country: 'Sample country',
      gender: 'MALE',
      tags: ['Sample tag'],
      attributes: [{ key: 'ID', value: 'BP001' }],
    },
  },
  status: 'INPROGRESS',
  updatedAt: '2023-02-02T06:46:34.119Z',
  websiteVisits: 1,
  _agentAssigned: '631aa793bcfa100487d13d0d',
};

describe('parseChatList', () => {
  it('reads the documented sample as it is', () => {
    expect(parseChatList([SAMPLE])).toEqual([SAMPLE]);
  });

  it('keeps fields it does not know, at every level', () => {
    const chat = { uuid: SAMPLE.uuid, channel: 'web', profile: { score: 3, userDetails: { language: 'en' } } };
    expect(parseChatList([chat])).toEqual([chat]);
  });

  it('does not require the optional fields', () => {
    expect(parseChatList([{ uuid: SAMPLE.uuid }])).toEqual([{ uuid: SAMPLE.uuid }]);
  });

  it('drops known fields of the wrong type, such as null, instead of failing the page', () => {
    const [chat] =
      parseChatList([
        {
          uuid: SAMPLE.uuid,
          _agentAssigned: null,
          status: 3,
          profile: {
            notes: [{ title: 'kept', description: 'x' }, null, { title: 1 }],
            userDetails: { name: null, tags: ['kept', 7, null], contact: { email: null, phone: null } },
          },
        },
      ]) ?? [];
    expect(chat?._agentAssigned).toBeUndefined();
    expect(chat?.status).toBeUndefined();
    expect(chat?.profile?.notes).toEqual([{ title: 'kept', description: 'x' }]);
    expect(chat?.profile?.userDetails?.name).toBeUndefined();
    expect(chat?.profile?.userDetails?.tags).toEqual(['kept']);
    expect(chat?.profile?.userDetails?.contact?.phone).toBeUndefined();
  });

  it.each([
    ['not an array', { uuid: SAMPLE.uuid }],
    ['missing', undefined],
    ['an item without uuid', [{ _id: SAMPLE._id }]],
    ['an item that is not an object', ['chat']],
  ])('answers undefined for data that is %s', (_what, data) => {
    expect(parseChatList(data)).toBeUndefined();
  });
});
