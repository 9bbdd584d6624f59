import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEAD_LIMITS } from '../../src/shared/lead-limits';
import { leadFieldSchemas } from '../../src/shared/lead-schema';
import { looksLikeEmail, normalizeEmail } from '../../src/shared/normalize-email';
import { anyText } from './arbitraries';

// Random casing and surrounding whitespace over addresses fast-check knows are valid (RFC 1123 domains).
const typedEmail = fc
  .tuple(fc.emailAddress(), fc.array(fc.boolean(), { maxLength: 300 }), fc.constantFrom('', ' ', '\t', '\n '))
  .map(([email, upper, pad]) => pad + [...email].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('') + pad);

describe('normalizeEmail', () => {
  it.each([
    [' Ada.Lovelace@Example.COM ', 'Ada.Lovelace@example.com'],
    ['ADA@EXAMPLE.COM', 'ADA@example.com'],
    ['ada@BÜCHER.Example', 'ada@bücher.example'],
    ['jose\u0301@example.com', 'josé@example.com'],
    ['"a@b"@Example.com', '"a@b"@example.com'],
    ['not an email', 'not an email'],
    ['', ''],
  ])('normalizes %j to %j', (value, email) => {
    expect(normalizeEmail(value)).toBe(email);
  });

  it('never throws and is idempotent on any text', () => {
    fc.assert(
      fc.property(anyText(), (value) => {
        const email = normalizeEmail(value);
        expect(normalizeEmail(email)).toBe(email);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a typed address an address, with its local part as typed', () => {
    fc.assert(
      fc.property(typedEmail, (value) => {
        const email = normalizeEmail(value);
        expect(looksLikeEmail(email)).toBe(true);
        expect(email.slice(0, email.lastIndexOf('@'))).toBe(value.trim().slice(0, value.trim().lastIndexOf('@')));
        expect(email.slice(email.lastIndexOf('@'))).toBe(email.slice(email.lastIndexOf('@')).toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeEmail output and the lead schema', () => {
  it('agree: the schema accepts exactly what normalizes to a bounded address, and answers the normalized form', () => {
    fc.assert(
      fc.property(fc.oneof(typedEmail, anyText()), (value) => {
        const email = normalizeEmail(value);
        const result = leadFieldSchemas.email.safeParse(value);
        expect(result.success).toBe(looksLikeEmail(email) && email.length <= LEAD_LIMITS.email);
        if (result.success) expect(result.data).toBe(email);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every typed address of legal length once normalized', () => {
    fc.assert(
      fc.property(typedEmail, (value) => {
        const email = normalizeEmail(value);
        fc.pre(email.length <= LEAD_LIMITS.email);
        expect(leadFieldSchemas.email.parse(email)).toBe(email);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('looksLikeEmail', () => {
  it.each(['ada@example.com', 'a.b+tag@sub.example.co.uk', 'ada@bücher.example', "o'neil@example.ie", 'x@y.z'])(
    'accepts %j',
    (value) => {
      expect(looksLikeEmail(value)).toBe(true);
    },
  );

  it.each([
    '',
    'ada',
    'ada@',
    '@example.com',
    'ada@localhost',
    'ada@example.',
    'ada@.example.com',
    'ada@example..com',
    'ada@@example.com',
    'a@b@example.com',
    'ada lovelace@example.com',
    ' ada@example.com',
    'ada@example.com\n',
    'ada\u0000@example.com',
    'ada@exa\ud800mple.com',
  ])('rejects %j', (value) => {
    expect(looksLikeEmail(value)).toBe(false);
  });
});
