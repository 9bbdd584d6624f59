import { z } from 'zod';
import type { Chat } from '../shared/chat';

// Tolerant by design: unknown fields pass through, and a known field of the wrong type (often `null`) is dropped
// rather than failing the whole page, so a change on the API side degrades one field instead of every listing.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const strings = z
  .array(z.unknown())
  .transform((items) => items.filter((item): item is string => typeof item === 'string'));

const objects = <T extends z.ZodType>(schema: T) =>
  z.array(z.unknown()).transform((items) =>
    items.flatMap((item) => {
      const parsed = schema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }),
  );

const chatSchema = z.looseObject({
  _id: optional(z.string()),
  uuid: z.string(),
  createdAt: optional(z.string()),
  updatedAt: optional(z.string()),
  isOnline: optional(z.boolean()),
  lastSeenAt: optional(z.string()),
  websiteVisits: optional(z.number()),
  status: optional(z.string()),
  _agentAssigned: optional(z.string()),
  lastMessage: optional(
    z.looseObject({ at: optional(z.string()), by: optional(z.string()), text: optional(z.string()) }),
  ),
  profile: optional(
    z.looseObject({
      notes: optional(
        objects(z.looseObject({ title: z.string(), description: z.string(), _id: optional(z.string()) })),
      ),
      userDetails: optional(
        z.looseObject({
          name: optional(z.string()),
          picture: optional(z.string()),
          city: optional(z.string()),
          country: optional(z.string()),
          gender: optional(z.string()),
          tags: optional(strings),
          attributes: optional(objects(z.looseObject({ key: z.string(), value: z.string() }))),
          contact: optional(
            z.looseObject({
              email: optional(z.string()),
              phone: optional(z.looseObject({ number: optional(z.string()), prefix: optional(z.string()) })),
            }),
          ),
        }),
      ),
    }),
  ),
});

/**
 * Reads the `data` of a list answer. Returns `undefined` when it is not a list of chats (not an array, or an item
 * without a string `uuid`): the caller turns that into an `invalid_response` error.
 */
export const parseChatList = (data: unknown): Chat[] | undefined => {
  const parsed = z.array(chatSchema).safeParse(data);
  return parsed.success ? (parsed.data satisfies Chat[]) : undefined;
};
