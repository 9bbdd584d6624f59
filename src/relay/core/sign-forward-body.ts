/** The header that carries a forwarded lead's signature. */
export const FORWARD_SIGNATURE_HEADER = 'Flowmatix-Signature';

const encoder = new TextEncoder();

const hex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * The `Flowmatix-Signature` header of a forwarded body: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The time is signed with the body, so a receiver can refuse an old request replayed by whoever saw it. Web Crypto
 * only, so that it runs wherever the relay does. A receiver checks it with its own HMAC, compared in constant time.
 *
 * @example
 * const body = JSON.stringify(payload);
 * const signature = await signForwardBody(secret, body, Math.floor(Date.now() / 1000));
 * // 't=1767225600,v1=5f2b…'
 */
export const signForwardBody = async (secret: string, body: string, timestamp: number): Promise<string> => {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  return `t=${timestamp},v1=${hex(mac)}`;
};
