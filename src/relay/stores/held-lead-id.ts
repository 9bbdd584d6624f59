import { sha256Hex } from '../core/sha256-hex';

/**
 * The id of a held lead: derived from its bot (`botId:customerId`) and idempotency key, so that a repeat of the lead,
 * and the same lead coming back later with a uuid, find the one entry. Hashed, so an id reveals neither.
 *
 * @example
 * heldLeadId('64f0a1:65b2c3', 'k-1'); // 'held:' + 64 hex digits
 */
export const heldLeadId = (bot: string, idempotencyKey: string): string =>
  `held:${sha256Hex(`${bot}\n${idempotencyKey}`)}`;
