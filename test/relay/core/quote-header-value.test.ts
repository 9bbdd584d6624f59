import { describe, expect, it } from 'vitest';
import { quoteHeaderValue } from '../../../src/relay/core/quote-header-value';

describe('quoteHeaderValue', () => {
  it.each([
    ['https://shop.example', '"https://shop.example"'],
    ['a "quoted" \\ value', '"a \\"quoted\\" \\\\ value"'],
    ['sh\u00f6p\u202e.example', '"sh\\u00f6p\\u202e.example"'],
    ['tab\there', '"tab\\u0009here"'],
    ['', '""'],
  ])('quotes %j as %s', (value, quoted) => {
    expect(quoteHeaderValue(value)).toBe(quoted);
  });

  it('cuts a long value after about 100 characters, escapes included', () => {
    expect(quoteHeaderValue('x'.repeat(5_000))).toBe(`"${'x'.repeat(100)}…"`);
    expect(quoteHeaderValue('\u00e9'.repeat(5_000)).length).toBeLessThan(120);
  });
});
