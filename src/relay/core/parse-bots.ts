import { LEAD_ID_PATTERN, LEAD_LIMITS } from '../../shared/lead-limits';
import { RelayConfigurationError } from './relay-configuration-error';

/** One bot the relay may write to: the two ids of the widget tag `<script …>BotId,CustomerId</script>`. */
export interface BotPair {
  botId: string;
  customerId: string;
}

const checkId = (id: string, what: string, source: string, name: string): string => {
  if (id.length === 0 || id.length > LEAD_LIMITS.id || !LEAD_ID_PATTERN.test(id)) {
    throw new RelayConfigurationError(
      `${name}: "${source}" has a malformed ${what} (expected 1 to ${LEAD_LIMITS.id} letters, digits, "_" or "-")`,
    );
  }
  return id;
};

const parsePair = (text: string, name: string): BotPair => {
  const parts = text.split(':').map((part) => part.trim());
  if (parts.length !== 2) {
    throw new RelayConfigurationError(`${name}: "${text}" is not a botId:customerId pair`);
  }
  return {
    botId: checkId(parts[0] ?? '', 'botId', text, name),
    customerId: checkId(parts[1] ?? '', 'customerId', text, name),
  };
};

/**
 * Reads the allowlist into the set of `botId:customerId` keys the relay accepts. Takes pairs, `"botId:customerId"`
 * strings, or one string of them separated by commas or whitespace (as `FLOWMATIX_BOTS` is written). The list must
 * not be empty: one token can write to every bot of its account, and the allowlist is what keeps a visitor to the
 * bots of this site.
 *
 * @example
 * parseBots('64f0a1:65b2c3, 64f0a1:77d8e9'); // Set { '64f0a1:65b2c3', '64f0a1:77d8e9' }
 * parseBots([{ botId: '64f0a1', customerId: '65b2c3' }]);
 */
export const parseBots = (value: string | readonly (string | BotPair)[] | undefined, name = 'bots'): Set<string> => {
  const items = typeof value === 'string' ? value.split(/[\s,]+/).filter((item) => item !== '') : (value ?? []);
  const pairs = items.map((item) =>
    typeof item === 'string'
      ? parsePair(item, name)
      : {
          botId: checkId(String(item.botId).trim(), 'botId', `${item.botId}:${item.customerId}`, name),
          customerId: checkId(String(item.customerId).trim(), 'customerId', `${item.botId}:${item.customerId}`, name),
        },
  );
  if (pairs.length === 0) {
    throw new RelayConfigurationError(
      `${name}: list at least one botId:customerId pair, the two ids of the widget tag (FLOWMATIX_BOTS=botId:customerId)`,
    );
  }
  return new Set(pairs.map((pair) => botKey(pair.botId, pair.customerId)));
};

/** The allowlist key of a pair. */
export const botKey = (botId: string, customerId: string): string => `${botId}:${customerId}`;
