import { describe, expect, it } from 'vitest';
import { summarizeCpuProfile, type CpuProfile } from '../bench/summarize-cpu-profile';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

// (root) → handle → [parse, digest]; handle → handle (recursion) → parse; (idle) beside.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 5] },
    { id: 2, callFrame: frame('handle', 'file:///work/main/src/relay/create-relay.ts', 9), children: [3, 4, 6] },
    { id: 3, callFrame: frame('parse', 'file:///work/main/node_modules/zod/v4/core/schemas.js', 96) },
    { id: 4, callFrame: frame('digest', 'node:internal/crypto/webcrypto', 68) },
    { id: 5, callFrame: frame('(idle)') },
    { id: 6, callFrame: frame('handle', 'file:///work/main/src/relay/create-relay.ts', 9), children: [7] },
    { id: 7, callFrame: frame('parse', 'file:///work/main/node_modules/zod/v4/core/schemas.js', 96) },
  ],
  samples: [3, 3, 4, 5, 5, 5, 2, 7],
  timeDeltas: [1000, 1000, 3000, 9000, 9000, 9000, 500, 500],
};

describe('summarizeCpuProfile', () => {
  const rows = summarizeCpuProfile(profile, 10);

  it('ranks functions by self time, leaving idle time out, with short locations', () => {
    expect(rows.map((row) => [row.name, row.selfMs])).toEqual([
      ['digest node:internal/crypto/webcrypto:69', 3],
      ['parse zod/v4/core/schemas.js:97', 2.5],
      ['handle src/relay/create-relay.ts:10', 0.5],
    ]);
  });

  it('gives shares of the busy time', () => {
    expect(rows[0]?.selfShare).toBeCloseTo(3 / 6, 10);
  });

  it('counts a function once per sample in its total, also when it recurses', () => {
    expect(rows.find((row) => row.name.startsWith('handle'))?.totalMs).toBe(6);
  });

  it('keeps the top rows only', () => {
    expect(summarizeCpuProfile(profile, 1)).toHaveLength(1);
  });
});
