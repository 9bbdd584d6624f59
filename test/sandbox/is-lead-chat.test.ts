import { describe, expect, it } from 'vitest';
import type { Chat, ChatUserDetails } from '../../src/shared/chat';
import { isLeadChat } from '../../src/sandbox/is-lead-chat';

const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
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
