import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { LEAD_LIMITS } from '../../src/shared/lead-limits';
import { leadFieldSchemas } from '../../src/shared/lead-schema';
import { hasControlChars, normalizeText } from '../../src/shared/normalize-text';
import { anyText } from './arbitraries';

describe('normalizeText', () => {
  it('composes to NFC', () => {
    expect(normalizeText('Cafe\u0301')).toBe('Café');
    expect(normalizeText('e\u0301', true)).toBe('é');
  });

  it('collapses whitespace and control characters in a single line', () => {
    expect(normalizeText('  Contact\r\n  form\u0000 ')).toBe('Contact form');
    expect(normalizeText('a\u00a0\u2003\tb\u0085c')).toBe('a b c');
  });

  it('keeps line feeds and tabs in multiline text, and turns CR LF and CR into LF', () => {
    expect(normalizeText('  Hello,\r\nI\twould\rlike\n\na quote.\u0007  ', true)).toBe(
      'Hello,\nI\twould\nlike\n\na quote.',
    );
  });

  it('drops unpaired surrogates and keeps paired ones', () => {
    expect(normalizeText('a\ud800b😀')).toBe('a b😀');
    expect(normalizeText('a\udc00b😀', true)).toBe('ab😀');
  });

  it('keeps zero-width joiners that scripts and emoji need', () => {
    expect(normalizeText('می\u200cخواهم 👩\u200d💻')).toBe('می\u200cخواهم 👩\u200d💻');
  });

  it.each([false, true])('never throws, is idempotent and leaves no control character (multiline %s)', (multiline) => {
    fc.assert(
      fc.property(anyText(), (value) => {
        const text = normalizeText(value, multiline);
        expect(normalizeText(text, multiline)).toBe(text);
        expect(hasControlChars(text, multiline)).toBe(false);
        expect(text).toBe(text.trim());
        expect(text).toBe(text.normalize('NFC'));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalizeText on text it returns as it is', () => {
  // The whole rule, without the shortcut for text that needs no change.
  const reference = (value: string, multiline: boolean): string =>
    (multiline
      ? value.replace(/\r\n?/g, '\n').replace(/(?![\n\t])[\p{Cc}\p{Cs}]/gu, '')
      : value.replace(/[\s\p{Cc}\p{Cs}]+/gu, ' ')
    )
      .trim()
      .normalize('NFC');
  // Mostly printable ASCII, with the characters at the shortcut's edges: spaces, tabs, line breaks, DEL, a non-ASCII.
  const nearlyPlain = fc.string({
    unit: fc.oneof(
      { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
      { weight: 3, arbitrary: fc.constantFrom(' ', '  ', '\t', '\n', '\r', '\r\n', '\u007f', '\u001f', 'e\u0301', '\u00a0') },
    ),
    maxLength: 40,
  });

  it.each([false, true])('gives what the whole rule gives, on any text (multiline %s)', (multiline) => {
    fc.assert(
      fc.property(fc.oneof(nearlyPlain, anyText()), (value) => {
        expect(normalizeText(value, multiline)).toBe(reference(value, multiline));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('normalizeText output and the lead schema', () => {
  interface Field {
    multiline: boolean;
    max: number;
    allowEmpty: boolean;
    schema: z.ZodType;
    place: (text: string) => unknown;
  }
  const at = '2025-03-01T10:15:00Z';
  const { notes, attributes, tags, consent } = leadFieldSchemas;
  const line = { multiline: false, allowEmpty: false };
  const block = { multiline: true, allowEmpty: true };
  const fields: [string, Field][] = [
    ['tags[]', { ...line, max: LEAD_LIMITS.tag, schema: tags, place: (text) => [text] }],
    [
      'notes[].title',
      { ...line, max: LEAD_LIMITS.noteTitle, schema: notes, place: (title) => [{ title, description: '' }] },
    ],
    [
      'attributes[].key',
      { ...line, max: LEAD_LIMITS.attributeKey, schema: attributes, place: (key) => [{ key, value: '' }] },
    ],
    ['consent.text', { ...line, max: LEAD_LIMITS.consentText, schema: consent, place: (text) => ({ text, at }) }],
    [
      'notes[].description',
      {
        ...block,
        max: LEAD_LIMITS.noteDescription,
        schema: notes,
        place: (description) => [{ title: 't', description }],
      },
    ],
    [
      'attributes[].value',
      { ...block, max: LEAD_LIMITS.attributeValue, schema: attributes, place: (value) => [{ key: 'k', value }] },
    ],
  ];

  it.each(fields)('%s accepts normalized text as is, whenever within bounds', (_name, field) => {
    const { multiline, max, allowEmpty, schema, place } = field;
    fc.assert(
      fc.property(anyText({ maxLength: Math.min(max + 20, 300) }), (value) => {
        const text = normalizeText(value, multiline);
        const result = schema.safeParse(place(text));
        expect(result.success).toBe((allowEmpty || text !== '') && text.length <= max);
        if (result.success) expect(result.data).toEqual(place(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('hasControlChars', () => {
  it.each(['\u0000', '\u0008', '\u001b', '\u007f', '\u0085', '\u009f', '\r', '\ud800', '\udfff'])(
    'finds %j in any text',
    (char) => {
      expect(hasControlChars(`a${char}b`)).toBe(true);
      expect(hasControlChars(`a${char}b`, true)).toBe(true);
    },
  );

  it('allows line feeds and tabs in multiline text only', () => {
    expect(hasControlChars('a\nb\tc')).toBe(true);
    expect(hasControlChars('a\nb\tc', true)).toBe(false);
  });

  it('allows what is not a control character', () => {
    expect(hasControlChars('Ada Lovelace é 😀 \u00a0 \u200d \u2028')).toBe(false);
  });
});
