/**
 * The bounds of a lead, shared by the companion (which must not send what the relay rejects) and the relay's
 * schemas. Lengths count UTF-16 code units, as `String#length` does, after NFC normalization and trimming.
 * No zod here: the browser imports this file.
 *
 * @example
 * if (tags.length > LEAD_LIMITS.tags) tags = tags.slice(0, LEAD_LIMITS.tags);
 */
export const LEAD_LIMITS = {
  /** `botId`, `customerId` and `agentId`: characters. */
  id: 128,
  /** `name`: characters. */
  name: 200,
  /** `email`: characters (the RFC 5321 path limit). */
  email: 254,
  /** `phone`: digits (only digits are allowed). */
  phoneDigits: 20,
  /** `dialCode`: digits after the `+`. */
  dialCodeDigits: 4,
  /** `notes`: entries. */
  notes: 20,
  /** A note's `title`: characters. */
  noteTitle: 200,
  /** A note's `description`: characters. */
  noteDescription: 5000,
  /** `tags`: entries, after removing duplicates. */
  tags: 30,
  /** One tag: characters. */
  tag: 100,
  /** `attributes`: entries. */
  attributes: 50,
  /** An attribute's `key`: characters. */
  attributeKey: 100,
  /** An attribute's `value`: characters. */
  attributeValue: 1000,
  /** `consent.text`, the consent box's label: characters. */
  consentText: 1000,
  /** `picture` (server-side only): characters of the URL. */
  pictureUrl: 2048,
  /** Notes the relay may add to the visitor's in the upstream lead (consent, fields it had to drop, …). */
  relayNotes: 5,
  /** Tags the relay's configuration may add to the visitor's in the upstream lead. */
  relayTags: 20,
  /** Attributes the relay's configuration may add to the visitor's in the upstream lead. */
  relayAttributes: 20,
} as const;

/** What `botId`, `customerId` and `agentId` may contain: letters, digits, `_` and `-` (Flowmatix ids are hex). */
export const LEAD_ID_PATTERN = /^[\w-]+$/;
