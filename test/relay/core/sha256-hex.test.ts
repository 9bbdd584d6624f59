import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portableSha256Hex, sha256Hex } from '../../../src/relay/core/sha256-hex';

const webCryptoHex = async (text: string): Promise<string> => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
};

/** Any UTF-16 code units, lone surrogate halves included: a body's text may hold them. */
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 300,
});

describe.each([
  ['sha256Hex (native where the runtime has it)', sha256Hex],
  ['portableSha256Hex', portableSha256Hex],
])('%s', (_name, hash) => {
  it('gives the FIPS 180-2 test vectors', () => {
    expect(hash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hash('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Web Crypto at every padding boundary and on a long text', async () => {
    for (const length of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 100_000]) {
      const text = 'a'.repeat(length);
      expect(hash(text), `${length} bytes`).toBe(await webCryptoHex(text));
    }
  });

  it('agrees with Web Crypto on any text, hashing its UTF-8 bytes (a lone surrogate as U+FFFD)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), anyText), async (text) => {
        expect(hash(text)).toBe(await webCryptoHex(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sha256Hex on Node', () => {
  it('is the native hash, not the portable one', () => {
    expect(sha256Hex).not.toBe(portableSha256Hex);
  });
});
