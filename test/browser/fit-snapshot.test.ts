import { describe, expect, it } from 'vitest';
import { CUT_MARKER, fitSnapshot, MAX_SNAPSHOT_BYTES } from '../../src/browser/fit-snapshot';
import type { LeadSnapshot } from '../../src/shared/lead-snapshot';

const snapshot = (...values: string[]): LeadSnapshot => ({
  v: 2,
  form: 'Contact',
  page: '/',
  at: '2025-05-01T10:00:00.000Z',
  controls: values.map((value, i) => ({ name: `field-${i}`, value })),
});
const bytes = (value: object) => new Blob([JSON.stringify(value)]).size;

describe('fitSnapshot', () => {
  it('leaves a snapshot that fits as it is', () => {
    const small = snapshot('Ada', 'ada@example.com', 'x'.repeat(15_000));
    expect(fitSnapshot(structuredClone(small))).toEqual(small);
  });

  it('cuts the longest value first, only as much as needed, and says so in a last control', () => {
    const fitted = fitSnapshot(snapshot('Ada', 'm'.repeat(20_000), 'n'.repeat(3_000)));
    expect(bytes(fitted)).toBeLessThanOrEqual(MAX_SNAPSHOT_BYTES);
    expect(bytes(fitted)).toBeGreaterThan(MAX_SNAPSHOT_BYTES - 64);
    expect(fitted.controls.map((c) => c.value.length)).toEqual([3, expect.any(Number), 3_000, expect.any(Number)]);
    expect(fitted.controls[1]!.value.length).toBeLessThan(20_000);
    expect(fitted.controls.at(-1)).toEqual({ name: CUT_MARKER, value: '1 value(s) cut to fit' });
  });

  it('cuts several values when one is not enough, counting multi-byte text and escapes in bytes', () => {
    const fitted = fitSnapshot(snapshot('é'.repeat(6_000), '"'.repeat(6_000), '漢'.repeat(6_000), 'short'));
    expect(bytes(fitted)).toBeLessThanOrEqual(MAX_SNAPSHOT_BYTES);
    expect(fitted.controls.at(-1)).toEqual({ name: CUT_MARKER, value: '3 value(s) cut to fit' });
    expect(fitted.controls[3]!.value).toBe('short');
  });

  it('stops when no value is left to cut', () => {
    const crowded = snapshot(...Array.from({ length: 1_000 }, () => 'a'));
    crowded.controls.forEach((control) => (control.label = 'l'.repeat(20)));
    expect(() => fitSnapshot(crowded)).not.toThrow();
    expect(crowded.controls.at(-1)).toEqual({ name: CUT_MARKER, value: '1000 value(s) cut to fit' });
  });
});
