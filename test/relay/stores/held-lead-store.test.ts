import { createMemoryHeldLeadStore } from '../../../src/relay/stores/held-lead-store';
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
