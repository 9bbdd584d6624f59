import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

type NativeHash = (algorithm: 'sha256', text: string, encoding: 'hex') => string;
interface Runtime {
  process?: { getBuiltinModule?: (id: string) => { hash?: NativeHash } | undefined };
}

// Node (from 20.16), Deno and Bun offer a synchronous native SHA-256 through `process.getBuiltinModule`, found at
// run time so that no runtime needs `node:crypto` to load the relay. Elsewhere (workerd) the plain-JS one serves.
const native = (globalThis as Runtime).process?.getBuiltinModule?.('node:crypto')?.hash;

/** The plain-JavaScript SHA-256, for runtimes without a native synchronous one (and for tests to compare). */
export const portableSha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));

/**
 * The SHA-256 of a text (its UTF-8 bytes, a lone surrogate as U+FFFD), as 64 hex digits. Used to turn idempotency
 * keys and bodies into fixed-size, opaque store keys, and for the companion's ETag.
 *
 * Synchronous, never Web Crypto's `crypto.subtle.digest`: on Node each asynchronous digest is a trip to the thread
 * pool and back. Where the runtime has a native synchronous hash (Node, Deno, Bun) it is used: a relayed lead's two
 * digests cost ~1.5 µs there against ~13 µs in plain JavaScript (@noble/hashes), which serves everywhere else.
 * Both give the same digest for every text.
 *
 * @example
 * sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export const sha256Hex: (text: string) => string =
  native === undefined ? portableSha256Hex : (text) => native('sha256', text, 'hex');
