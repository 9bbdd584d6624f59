/** What stands in for a token wherever text that might contain it is shown. */
export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of `token` in `text`. Used on anything that came back from a server before it reaches
 * an error message: a misbehaving upstream may echo the header it was sent.
 *
 * @example
 * redactToken('bad token abc123', 'abc123'); // 'bad token [redacted]'
 */
export const redactToken = (text: string, token: string | undefined): string =>
  token ? text.split(token).join(REDACTED) : text;
