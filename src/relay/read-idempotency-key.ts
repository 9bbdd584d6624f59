// Visible ASCII only: a key can never carry a line break or a control character into a store command.
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Reads an `Idempotency-Key` header: absent gives `undefined`; a key is 1 to 255 visible ASCII characters,
 * optionally as a quoted string (the IETF draft's form, `"abc"`). A malformed key is an error, not ignored:
 * silently dropping it would lose the protection the sender asked for.
 *
 * @example
 * parseIdempotencyKey('"8e0f…"'); // { ok: true, key: '8e0f…' }
 */
export const parseIdempotencyKey = (
  header: string | null,
): { ok: true; key: string | undefined } | { ok: false; message: string } => {
  if (header === null) return { ok: true, key: undefined };
  const text = header.trim().replace(/^"(.*)"$/, '$1');
  return KEY.test(text)
    ? { ok: true, key: text }
    : { ok: false, message: 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.' };
};
