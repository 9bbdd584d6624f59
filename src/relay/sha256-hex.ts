import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The SHA-256 of a text (its UTF-8 bytes), as 64 hex digits. Used to turn idempotency keys and bodies into
 * fixed-size, opaque store keys, and for the companion's ETag.
 *
 * Synchronous (@noble/hashes, plain JavaScript) rather than Web Crypto's `crypto.subtle.digest`: on Node each
 * asynchronous digest is a trip to the thread pool and back, and the two a relayed lead needs cost more CPU than
 * validating it. Plain arithmetic runs alike on every runtime the relay does.
 *
 * @example
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));
