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

  it('keeps zero-width joiners that scripts and emoji need, between two visible characters', () => {
    expect(normalizeText('می\u200cخواهم 👩\u200d💻')).toBe('می\u200cخواهم 👩\u200d💻');
    expect(normalizeText('می\u200cخواهم 👩\u200d💻', true)).toBe('می\u200cخواهم 👩\u200d💻');
  });

  it.each([false, true])('removes bidi controls and zero-width characters (Unicode Cf), multiline %s', (multiline) => {
    expect(normalizeText('\u202eAda\u202c Love\u00adlace\u200b\u2066', multiline)).toBe('Ada Lovelace');
    expect(normalizeText('\ufeffa\u200eb\u200fc\u2069\u061cd\u2060e', multiline)).toBe('abcde');
    // A joiner shows nothing alone, at an edge, beside a space or another joiner.
    expect(normalizeText('\u200d\u200c', multiline)).toBe('');
    expect(normalizeText('a\u200d b \u200cc d\u200d\u200de', multiline)).toBe('a b c de');
    expect(normalizeText('x\u200b\ny', true)).toBe('x\ny');
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
  const visible = (value: string): string =>
    [...value]
      .filter((char, index, chars) => {
        if (!/\p{Cf}/u.test(char)) return true;
        if (char !== '\u200c' && char !== '\u200d') return false;
        const shows = (near: string | undefined) => near !== undefined && /[\p{L}\p{M}\p{N}\p{S}]/u.test(near);
        return shows(chars[index - 1]) && shows(chars[index + 1]);
      })
      .join('');
  const reference = (value: string, multiline: boolean): string =>
    (multiline
      ? visible(value)
          .replace(/\r\n?/g, '\n')
          .replace(/(?![\n\t])[\p{Cc}\p{Cs}]/gu, '')
      : visible(value).replace(/[\s\p{Cc}\p{Cs}]+/gu, ' ')
    )
      .trim()
      .normalize('NFC');
  // Mostly printable ASCII, with the characters at the shortcut's edges: spaces, tabs, line breaks, DEL, a non-ASCII.
  const nearlyPlain = fc.string({
    unit: fc.oneof(
      { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          ' ',
          '  ',
          '\t',
          '\n',
          '\r',
          '\r\n',
          '\u007f',
          '\u001f',
          'e\u0301',
          '\u00a0',
          '\u200b',
          '\u200d',
          '\u202e',
          '\u00ad',
          '\ufeff',
        ),
      },
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

  it.each(['\u200b', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff', '\u00ad', '\u2060'])(
    'finds the format character %j in any text',
    (char) => {
      expect(hasControlChars(`a${char}b`)).toBe(true);
      expect(hasControlChars(`a${char}b`, true)).toBe(true);
    },
  );

  it('allows a joiner between two visible characters only', () => {
    expect(hasControlChars('👩\u200d💻 می\u200cخواهم')).toBe(false);
    expect(hasControlChars('a \u200d')).toBe(true);
    expect(hasControlChars('\u200cb')).toBe(true);
  });

  it('allows what is not a control character', () => {
    expect(hasControlChars('Ada Lovelace é 😀 \u00a0 x\u200dy \u2028')).toBe(false);
  });
});
