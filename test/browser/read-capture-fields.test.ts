import { describe, expect, it } from 'vitest';
import { readCaptureFields } from '../../src/browser/read-capture-fields';

describe('readCaptureFields', () => {
  it('makes each key a control named by it, lists joined, numbers and booleans as text', () => {
    expect(
      readCaptureFields({ firstName: ' Ada ', Telefon: '+49 30 1234567', seats: 4, vip: true, days: ['Mon', 'Fri'] }),
    ).toEqual({
      controls: [
        { name: 'firstName', value: 'Ada' },
        { name: 'Telefon', value: '+49 30 1234567' },
        { name: 'seats', value: '4' },
        { name: 'vip', value: 'true' },
        { name: 'days', value: 'Mon, Fri' },
      ],
    });
  });

  it('takes tags as a list or a comma-separated text', () => {
    expect(readCaptureFields({ tags: ['vip', ' api '] }).tags).toEqual(['vip', 'api']);
    expect(readCaptureFields({ tags: 'vip, api,,' }).tags).toEqual(['vip', 'api']);
    expect(readCaptureFields({ tags: '' }).tags).toBeUndefined();
  });

  it('drops sensitive names and empty values, and cuts card numbers out of values', () => {
    expect(
      readCaptureFields({
        password: 'hunter2',
        cardNumber: '4111',
        cvc: '123',
        note: 'card 4111 1111 1111 1111',
        empty: '',
        none: null,
        gone: undefined,
      }),
    ).toEqual({ controls: [{ name: 'note', value: 'card' }] });
  });

  it('throws a TypeError when fields is no object', () => {
    expect(() => readCaptureFields('ada@example.com' as never)).toThrow(TypeError);
    expect(() => readCaptureFields(null as never)).toThrow(TypeError);
  });
});
