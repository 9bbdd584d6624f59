const encoder = new TextEncoder();

// FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
// 5.3.3: the first 32 bits of the fractional parts of the square roots of the first 8 primes.
const INITIAL = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const schedule = new Int32Array(64);

const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

/**
 * The SHA-256 of a text (its UTF-8 bytes), as 64 hex digits. Used to turn idempotency keys and bodies into
 * fixed-size, opaque store keys, and for the companion's ETag.
 *
 * Written out rather than Web Crypto's `crypto.subtle.digest`, which is asynchronous: on Node each digest is a trip
 * to the thread pool and back, and the two a relayed lead needs cost more CPU than validating it (a lead is a few
 * hundred bytes: a handful of 64-byte blocks here). Plain arithmetic, so it runs alike on every runtime the relay
 * does; the tests hold it to Web Crypto's digest.
 *
 * @example
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export const sha256Hex = (text: string): string => {
  const bytes = encoder.encode(text);
  // The message, a 1 bit, zeros, and its length in bits (64, big-endian): a whole number of 16-word blocks.
  const wordCount = (((bytes.length + 8) >>> 6) + 1) * 16;
  const words = new Int32Array(wordCount);
  for (let i = 0; i < bytes.length; i += 1) words[i >>> 2]! |= bytes[i]! << (24 - (i & 3) * 8);
  words[bytes.length >>> 2]! |= 0x80 << (24 - (bytes.length & 3) * 8);
  words[wordCount - 2] = Math.floor(bytes.length / 0x20000000);
  words[wordCount - 1] = (bytes.length << 3) >>> 0;

  // Int32 throughout, K and INITIAL included: a value V8 holds as a double in one place slows every round.
  const hash = INITIAL.slice();
  const w = schedule;
  for (let block = 0; block < wordCount; block += 16) {
    for (let t = 0; t < 16; t += 1) w[t] = words[block + t]!;
    for (let t = 16; t < 64; t += 1) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = hash[0]!;
    let b = hash[1]!;
    let c = hash[2]!;
    let d = hash[3]!;
    let e = hash[4]!;
    let f = hash[5]!;
    let g = hash[6]!;
    let h = hash[7]!;
    for (let t = 0; t < 64; t += 1) {
      const t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    hash[0] = hash[0]! + a;
    hash[1] = hash[1]! + b;
    hash[2] = hash[2]! + c;
    hash[3] = hash[3]! + d;
    hash[4] = hash[4]! + e;
    hash[5] = hash[5]! + f;
    hash[6] = hash[6]! + g;
    hash[7] = hash[7]! + h;
  }
  let hex = '';
  for (const value of hash) hex += (value >>> 0).toString(16).padStart(8, '0');
  return hex;
};
