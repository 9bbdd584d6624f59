import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
