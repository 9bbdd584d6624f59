/**
 * An API URL as it may be shown: origin and path only, without a trailing slash. A URL's user and password, and
 * its query, can hold secrets of their own.
 *
 * @example
 * displayApiUrl(new URL('http://user:pw@127.0.0.1:8790/?t=secret')); // 'http://127.0.0.1:8790'
 * displayApiUrl(new URL('https://api.example.com/v7/')); // 'https://api.example.com/v7'
 */
export const displayApiUrl = (url: URL): string => `${url.origin}${url.pathname.replace(/\/$/, '')}`;
