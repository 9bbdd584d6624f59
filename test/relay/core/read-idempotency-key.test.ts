import { describe, expect, it } from 'vitest';
import { readIdempotencyKey } from '../../../src/relay/core/read-idempotency-key';

const body = (idempotencyKey?: unknown) => ({ uuid: 'u', ...(idempotencyKey !== undefined && { idempotencyKey }) });

describe('readIdempotencyKey', () => {
  it.each<[string, string | null, Record<string, unknown>, string | undefined]>([
    ['no header, no field', null, body(), undefined],
    ['the header alone', 'k-1', body(), 'k-1'],
    ['the quoted header (IETF draft form)', '"k-1"', body(), 'k-1'],
    ['the field alone (a beacon)', null, body('k-1'), 'k-1'],
    ['a quoted field, as the same key', null, body('"k-1"'), 'k-1'],
    ['a null field, as absent', null, body(null), undefined],
    ['a null field beside the header', 'k-1', body(null), 'k-1'],
    ['the same key in both', 'k-1', body('k-1'), 'k-1'],
    ['the same key, quoted in one', '"k-1"', body('k-1'), 'k-1'],
    ['255 characters', 'a'.repeat(255), body(), 'a'.repeat(255)],
  ])('reads %s', (_what, header, fields, key) => {
    expect(readIdempotencyKey(header, fields)).toEqual({ ok: true, key });
  });

  it.each<[string, string | null, Record<string, unknown>, string]>([
    ['an empty header', '', body(), 'Idempotency-Key'],
    ['a header of 256 characters', 'a'.repeat(256), body(), 'Idempotency-Key'],
    ['a header with a space', 'has space', body(), 'Idempotency-Key'],
    ['a malformed header beside a good field', 'é', body('k-1'), 'Idempotency-Key'],
    ['an empty field', null, body(''), 'idempotencyKey'],
    ['a field with a line break', null, body('k\r\n1'), 'idempotencyKey'],
    ['a field of 256 characters', null, body('a'.repeat(256)), 'idempotencyKey'],
    ['a number field', null, body(42), 'idempotencyKey'],
    ['an object field', null, body({ key: 'k-1' }), 'idempotencyKey'],
    ['a malformed field beside a good header', 'k-1', body(['k-1']), 'idempotencyKey'],
  ])('refuses %s as invalid_lead, naming where the key was', (_what, header, fields, path) => {
    expect(readIdempotencyKey(header, fields)).toEqual({
      ok: false,
      code: 'invalid_lead',
      message: expect.stringMatching(/1 to 255 visible ASCII characters/),
      issues: [{ path: [path], message: expect.stringContaining(path) }],
    });
  });

  it('refuses a header and a field that name different keys', () => {
    const result = readIdempotencyKey('k-1', body('k-2'));
    expect(result).toMatchObject({
      ok: false,
      code: 'idempotency_key_mismatch',
      message: expect.stringMatching(/header and the idempotencyKey field name different keys/),
      issues: [{ path: ['Idempotency-Key'] }, { path: ['idempotencyKey'] }],
    });
  });

  it('reads only an own field, never one inherited through __proto__', () => {
    const fields = JSON.parse('{"uuid":"u","__proto__":{"idempotencyKey":"k-1"}}') as Record<string, unknown>;
    expect(readIdempotencyKey(null, fields)).toEqual({ ok: true, key: undefined });
  });
});
