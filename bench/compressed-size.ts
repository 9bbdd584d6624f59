import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { CompressedSize } from './bench-results';

/**
 * Bytes of `source` after `gzip -9` and after brotli at its highest quality (11) in text mode: what a server that
 * compresses ahead of time sends.
 *
 * @example
 * compressedSize(readFileSync('dist/flowmatix-leads.js')); // { gzip: 3912, brotli: 3455 }
 */
export const compressedSize = (source: Uint8Array | string): CompressedSize => {
  const bytes = typeof source === 'string' ? Buffer.from(source) : source;
  return {
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
};
