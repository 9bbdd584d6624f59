import { describe, expect, it } from 'vitest';
import { portableSha256Hex } from '../../../src/relay/core/sha256-hex';
import { createMemoryHeldLeadStore, heldLeadId } from '../../../src/relay/stores/held-lead-store';
import { describeHeldLeadStoreContract } from './held-lead-store-contract';

describeHeldLeadStoreContract('createMemoryHeldLeadStore', async (ttlMs) => {
  let time = 1_000_000;
  return {
    store: createMemoryHeldLeadStore({ ttlMs, now: () => time }),
    now: () => time,
    advance: (ms) => {
      time += ms;
      return Promise.resolve();
    },
  };
});

describe('heldLeadId', () => {
  it('is held: and the SHA-256 of the bot and the key on two lines', () => {
    expect(heldLeadId('b:c', 'k-1')).toBe(`held:${portableSha256Hex('b:c\nk-1')}`);
    expect(heldLeadId('b:c', 'k-1')).toMatch(/^held:[\da-f]{64}$/);
  });

  it('tells bots and keys apart', () => {
    const ids = new Set([heldLeadId('b:c', 'k-1'), heldLeadId('b:c', 'k-2'), heldLeadId('b:c2', 'k-1')]);
    expect(ids.size).toBe(3);
  });
});
