import { describe, expect, it } from 'vitest';
import { isUuid } from '../../src/shared/is-uuid';

describe('isUuid', () => {
  it.each([
    '7e88d192-9b20-4035-9b68-d4ac3d58a34f',
    '7E88D192-9B20-4035-9B68-D4AC3D58A34F',
    '00000000-0000-0000-0000-000000000000',
    '017f22e2-79b0-7cc3-98c4-dc0c0c07398f',
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  ])('accepts %s', (value) => {
    expect(isUuid(value)).toBe(true);
  });

  it.each([
    '',
    '7e88d1929b2040359b68d4ac3d58a34f',
    '{7e88d192-9b20-4035-9b68-d4ac3d58a34f}',
    ' 7e88d192-9b20-4035-9b68-d4ac3d58a34f',
    '7e88d192-9b20-4035-9b68-d4ac3d58a34f\n',
    '7e88d192-9b20-4035-9b68-d4ac3d58a34g',
    '7e88d192-9b20-4035-9b68-d4ac3d58a34',
    '7e88d192-9b20-4035-9b68-d4ac3d58a34ff',
    '7e88d192_9b20_4035_9b68_d4ac3d58a34f',
    'urn:uuid:7e88d192-9b20-4035-9b68-d4ac3d58a34f',
  ])('rejects %j', (value) => {
    expect(isUuid(value)).toBe(false);
  });
});
