import { describe, expect, it } from 'vitest';
import type { LeadSnapshot, SnapshotControl } from '../../../src/shared/lead-snapshot';
import { mapSnapshot } from '../../../src/relay/mapping/map-snapshot';

const snapshot = (controls: SnapshotControl[]): LeadSnapshot => ({
  v: 2,
  form: 'Contact',
  page: '/',
  at: '2025-05-01T10:00:00.000Z',
  controls,
});

// The fastest of several runs, in milliseconds: a busy machine only ever makes a run slower.
const fastest = (run: () => void): number => {
  let best = Infinity;
  for (let trial = 0; trial < 5; trial++) {
    const start = performance.now();
    for (let repeat = 0; repeat < 3; repeat++) run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
};

const PROPERTIES = [
  'value',
  'option',
  'name',
  'id',
  'autocomplete',
  'label',
  'legend',
  'placeholder',
  'field',
] as const;
// Runs that make a careless pattern backtrack: colons and spaces before the end, unclosed brackets, case changes,
// combining marks, separators.
const PIECES = [': ', ' :', '(', '( ', 'aB', 'a\u0301', 'नाम', ', ', '1,', '+1', 'e-mail ', '*'];

describe('mapSnapshot cost', () => {
  it('grows linearly with the length of any property, whatever it holds', () => {
    const slow: string[] = [];
    // A run that reaches the end of the text, and one that stops just before it.
    for (const [piece, end] of PIECES.flatMap((piece): [string, string][] => [
      [piece, ''],
      [piece, 'x'],
    ])) {
      for (const property of PROPERTIES) {
        const at = (length: number) => {
          const text = piece.repeat(Math.ceil(length / piece.length)) + end;
          const control: SnapshotControl = {
            value: 'x',
            type: property == 'option' ? 'select-one' : 'checkbox',
            [property]: text,
          };
          const input = snapshot([control]);
          return fastest(() => mapSnapshot(input));
        };
        at(4_000);
        // Four times the text, well under the body cap: a quadratic pattern takes sixteen times as long. A pair
        // that looks slow is measured twice more, so that a pause of a busy machine is not taken for one.
        let verdict = '';
        for (let look = 0; look < 3; look++) {
          const [short, long] = [at(4_000), at(16_000)];
          verdict = long > 8 * short + 2 ? `${short.toFixed(2)} ms → ${long.toFixed(2)} ms` : '';
          if (!verdict) break;
        }
        if (verdict) slow.push(`${property} of ${JSON.stringify(piece + end)}: ${verdict}`);
      }
    }
    expect(slow).toEqual([]);
  }, 60_000);

  it('maps a snapshot of hundreds of controls, all in one group or all apart, in well under a tenth of a second', () => {
    const apart = snapshot(
      Array.from({ length: 800 }, (_, index) => ({
        name: `n${index}`,
        type: 'checkbox',
        label: `Option ${index}`,
        value: 'v',
      })),
    );
    const together = snapshot(Array.from({ length: 800 }, () => ({ name: 'same', value: 'v' })));
    expect(fastest(() => mapSnapshot(apart)) / 3).toBeLessThan(100);
    expect(fastest(() => mapSnapshot(together)) / 3).toBeLessThan(100);
  });
});
