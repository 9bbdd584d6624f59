const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[\da-f]{1,4}$/i;

/** The eight 16-bit groups of an IPv6 address, or undefined when it is not one. */
const ipv6Groups = (address: string): number[] | undefined => {
  let text = address;
  const groups: number[] = [];
  // An IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  let tailGroups: number[] = [];
  if (tail.includes('.')) {
    if (!IPV4.test(tail)) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    tailGroups = [(a << 8) | b, (c << 8) | d];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const items = part.split(':');
    if (!items.every((item) => HEX_GROUP.test(item))) return undefined;
    return items.map((item) => Number.parseInt(item, 16));
  };
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups.push(...head, ...Array<number>(missing).fill(0), ...rest);
  } else {
    groups.push(...head);
  }
  if (groups.length !== 8) return undefined;
  if (tailGroups.length) groups.splice(6, 2, ...tailGroups);
  return groups;
};

/**
 * The rate-limit key for a client address: an IPv4 address as it is, an IPv6 address by its /56 prefix (one
 * household or small site usually gets a /56 or /48, and can rotate through its addresses at will), an
 * IPv4-mapped IPv6 address as its IPv4. Undefined for anything that is not an IP address.
 *
 * @example
 * ipBucketKey('203.0.113.7'); // 'ip4:203.0.113.7'
 * ipBucketKey('2001:db8:1:2ff::1'); // 'ip6:2001:db8:1:200::/56'
 * ipBucketKey('::ffff:203.0.113.7'); // 'ip4:203.0.113.7'
 */
export const ipBucketKey = (address: string): string | undefined => {
  const text = address.trim().replace(/%.*$/, '');
  if (IPV4.test(text)) return `ip4:${text}`;
  if (!text.includes(':')) return undefined;
  const groups = ipv6Groups(text);
  if (!groups) return undefined;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = groups;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
    return `ip4:${g >> 8}.${g & 0xff}.${h >> 8}.${h & 0xff}`;
  }
  const prefix = [a, b, c, d & 0xff00].map((group) => group.toString(16)).join(':');
  return `ip6:${prefix}::/56`;
};
