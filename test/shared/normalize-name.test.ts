import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAD_LIMITS } from '../../src/shared/lead-limits';
import { leadFieldSchemas } from '../../src/shared/lead-schema';
import { joinName, normalizeName } from '../../src/shared/normalize-name';
import { anyText } from './arbitraries';

describe('normalizeName', () => {
  it.each([
    ['  Ada \t Lovelace\n', 'Ada Lovelace'],
    ['Ada\u00a0Lovelace', 'Ada Lovelace'],
    ['Jose\u0301 Garci\u0301a', 'José García'],
    ['Ada\u0000 Love\u007flace', 'Ada Love lace'],
    ['ada lovelace', 'ada lovelace'],
    ['   ', ''],
  ])('normalizes %j to %j', (value, name) => {
    expect(normalizeName(value)).toBe(name);
  });

  it('never throws, is idempotent and answers trimmed NFC text without double spaces', () => {
    fc.assert(
      fc.property(anyText(), (value) => {
        const name = normalizeName(value);
        expect(normalizeName(name)).toBe(name);
        expect(name).not.toMatch(/\s\s|^\s|\s$|[^\S ]/);
        expect(name).toBe(name.normalize('NFC'));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers a name the schema accepts as is, whenever it is not empty and within bounds', () => {
    fc.assert(
      fc.property(anyText({ maxLength: LEAD_LIMITS.name + 20 }), (value) => {
        const name = normalizeName(value);
        const result = leadFieldSchemas.name.safeParse(name);
        expect(result.success).toBe(name !== '' && name.length <= LEAD_LIMITS.name);
        if (result.success) expect(result.data).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('joinName', () => {
  it.each([
    [' Ada ', ' Lovelace ', 'Ada Lovelace'],
    ['Ada', '', 'Ada'],
    ['', 'Lovelace', 'Lovelace'],
    ['', '', ''],
    ['Mary  Ann', 'de\tla Cruz', 'Mary Ann de la Cruz'],
  ])('joins %j and %j as %j', (first, last, name) => {
    expect(joinName(first, last)).toBe(name);
  });

  it('never throws and equals normalizing the two parts with a space between', () => {
    fc.assert(
      fc.property(anyText(), anyText(), (first, last) => {
        const name = joinName(first, last);
        expect(name).toBe([normalizeName(first), normalizeName(last)].filter(Boolean).join(' '));
        expect(normalizeName(name)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });
});
