import { UUID_PATTERN } from '../../shared/is-uuid';
import { LEAD_ID_PATTERN, LEAD_LIMITS } from '../../shared/lead-limits';
import { botKey } from './parse-bots';

/**
 * Who a lead says it is for, read from the parsed body without the schema: what the rate limits and the
 * idempotency store need before the lead is validated.
 */
export interface LeadIdentity {
  /** `botId:customerId`, when both are well-formed ids; the allowlist decides whether the bot is served. */
  bot: string | undefined;
  /** The visitor's uuid, lowercased, when it is a UUID. */
  visitor: string | undefined;
  /** The lead has no uuid (absent, `null` or blank): the visitor never opened the chat. */
  unattached: boolean;
}

const id = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length <= LEAD_LIMITS.id && LEAD_ID_PATTERN.test(trimmed) ? trimmed : undefined;
};

/**
 * Reads `botId`, `customerId` and `uuid` with a few type checks and two bounded patterns, as the lead schema
 * would accept them (trimmed), so that what it answers matches the validated lead; anything the schema would
 * refuse comes out `undefined`, for the validation to report. Never throws.
 *
 * @example
 * readLeadIdentity({ uuid: ' 7E88D192-9B20-4035-9B68-D4AC3D58A34F', botId: 'b1', customerId: 'c1' });
 * // { bot: 'b1:c1', visitor: '7e88d192-9b20-4035-9b68-d4ac3d58a34f', unattached: false }
 */
export const readLeadIdentity = (json: unknown): LeadIdentity => {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { bot: undefined, visitor: undefined, unattached: false };
  }
  const body = json as Record<string, unknown>;
  const own = (name: string): unknown => (Object.hasOwn(body, name) ? body[name] : undefined);
  const botId = id(own('botId'));
  const customerId = id(own('customerId'));
  const uuid = own('uuid');
  const text = typeof uuid === 'string' ? uuid.trim() : undefined;
  return {
    bot: botId !== undefined && customerId !== undefined ? botKey(botId, customerId) : undefined,
    visitor: text !== undefined && UUID_PATTERN.test(text) ? text.toLowerCase() : undefined,
    unattached: uuid === undefined || uuid === null || text === '',
  };
};
