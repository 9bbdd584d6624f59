import { describe, expect, it } from 'vitest';
import { parseBots } from '../../../src/relay/core/parse-bots';
import { RelayConfigurationError } from '../../../src/relay/core/relay-configuration-error';

describe('parseBots', () => {
  it('reads pairs from the env form, pairs and strings', () => {
    expect(parseBots(' b1:c1, b2:c2\nb3:c3 ')).toEqual(new Set(['b1:c1', 'b2:c2', 'b3:c3']));
    expect(parseBots([{ botId: 'b', customerId: 'c' }, 'x:y'])).toEqual(new Set(['b:c', 'x:y']));
  });

  it.each([
    ['', /at least one/],
    [[], /at least one/],
    ['b', /not a botId:customerId pair/],
    ['b:c:d', /not a botId:customerId pair/],
    [':c', /malformed botId/],
    ['b:', /malformed customerId/],
    ['b c:d', /not a botId:customerId pair/],
    ['b/../x:c', /malformed botId/],
    [[{ botId: 'b', customerId: 'c"d' }], /malformed customerId/],
    [`${'b'.repeat(129)}:c`, /malformed botId/],
  ] as const)('refuses %j with a clear message', (value, message) => {
    expect(() => parseBots(value)).toThrow(RelayConfigurationError);
    expect(() => parseBots(value)).toThrow(message);
  });

  it('names the variable it read', () => {
    expect(() => parseBots('oops', 'FLOWMATIX_BOTS')).toThrow(/^FLOWMATIX_BOTS: /);
  });
});
