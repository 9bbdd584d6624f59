import { describe, expect, it } from 'vitest';
import { redactToken } from '../../src/flowmatix/redact-token';

describe('redactToken', () => {
  it('replaces every occurrence of the token', () => {
    expect(redactToken('abc123 then abc123', 'abc123')).toBe('[redacted] then [redacted]');
  });

  it('leaves text alone without a token', () => {
    expect(redactToken('abc123', undefined)).toBe('abc123');
    expect(redactToken('abc123', '')).toBe('abc123');
  });
});
