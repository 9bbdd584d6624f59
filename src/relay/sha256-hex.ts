const encoder = new TextEncoder();

/**
 * The SHA-256 of a text, as 64 hex digits, with Web Crypto (Node, Deno, Bun, Workers alike). Used to turn
 * idempotency keys and bodies into fixed-size, opaque store keys.
 *
 * @example
 * await sha256Hex('abc'); // 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
 */
export const sha256Hex = async (text: string): Promise<string> => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
};
