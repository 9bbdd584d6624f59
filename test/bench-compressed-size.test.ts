import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressedSize } from '../bench/compressed-size';

describe('compressedSize', () => {
  const script = `(function(){${'var a=document.querySelectorAll("form[data-flowmatix]");'.repeat(50)}})();`;

  it('weighs text and bytes alike', () => {
    expect(compressedSize(script)).toEqual(compressedSize(Buffer.from(script)));
  });

  it('weighs with gzip -9 and brotli at quality 11, not the faster defaults', () => {
    const quality = (level: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: level } });
    expect(compressedSize(script).gzip).toBe(gzipSync(script, { level: 9 }).length);
    expect(compressedSize(script).brotli).toBeLessThanOrEqual(brotliCompressSync(script, quality(11)).length);
    expect(compressedSize(script).brotli).toBeLessThan(brotliCompressSync(script, quality(1)).length);
  });

  it('compresses repetitive script well, brotli tighter than gzip', () => {
    const { gzip, brotli } = compressedSize(script);
    expect(gzip).toBeLessThan(script.length / 10);
    expect(brotli).toBeLessThan(gzip);
  });
});
