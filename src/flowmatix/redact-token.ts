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

/**
 * An API URL as it may be shown: origin and path only, without a trailing slash. A URL's user and password, and
 * its query, can hold secrets of their own.
 *
 * @example
 * displayApiUrl(new URL('http://user:pw@127.0.0.1:8790/?t=secret')); // 'http://127.0.0.1:8790'
 * displayApiUrl(new URL('https://api.example.com/v7/')); // 'https://api.example.com/v7'
 */
export const displayApiUrl = (url: URL): string => `${url.origin}${url.pathname.replace(/\/$/, '')}`;
