import { describe, expect, it } from 'vitest';
import { ipBucketKey } from '../../../src/relay/core/ip-bucket-key';

describe('ipBucketKey', () => {
  it.each([
    ['203.0.113.7', 'ip4:203.0.113.7'],
    [' 10.0.0.1 ', 'ip4:10.0.0.1'],
    ['::ffff:203.0.113.7', 'ip4:203.0.113.7'],
    ['::ffff:cb00:7107', 'ip4:203.0.113.7'],
    ['2001:db8:1:2ff::1', 'ip6:2001:db8:1:200::/56'],
    ['2001:0db8:0001:02aa:ffff:ffff:ffff:ffff', 'ip6:2001:db8:1:200::/56'],
    ['2001:db8:1:200::', 'ip6:2001:db8:1:200::/56'],
    ['2001:DB8:1:2FF::1', 'ip6:2001:db8:1:200::/56'],
    ['fe80::1%eth0', 'ip6:fe80:0:0:0::/56'],
    ['::1', 'ip6:0:0:0:0::/56'],
    ['::', 'ip6:0:0:0:0::/56'],
    ['1:2:3:4:5:6:7::', 'ip6:1:2:3:0::/56'],
    ['64:ff9b::192.0.2.33', 'ip6:64:ff9b:0:0::/56'],
  ])('keys %j as %s', (address, key) => {
    expect(ipBucketKey(address)).toBe(key);
  });

  it('puts two addresses of one /56 in one bucket and a neighbouring /56 in another', () => {
    expect(ipBucketKey('2001:db8:1:2ff::1')).toBe(ipBucketKey('2001:db8:1:200:dead:beef::'));
    expect(ipBucketKey('2001:db8:1:2ff::1')).not.toBe(ipBucketKey('2001:db8:1:3ff::1'));
  });

  it.each([
    '',
    'localhost',
    '256.1.1.1',
    '1.2.3',
    '01.2.3.4',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    '12345::',
    'g::1',
    '::ffff:1.2.3.999',
    '1:2:3:4:5:6:7:8::',
  ])('refuses %j', (address) => {
    expect(ipBucketKey(address)).toBeUndefined();
  });
});
