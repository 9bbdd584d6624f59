/** A value that is not a URL, as it may be quoted: a user, password or query it seems to carry is left out. */
const quotable = (value: string): string => value.replace(/\/\/[^?#]*@/, '//…@').replace(/[?#][\s\S]*$/, '?…');

/**
 * An API base URL, checked: it must parse and be http(s). Throws a `TypeError` that says why otherwise, never
 * quoting the URL's user, password or query.
 *
 * @example
 * parseApiUrl('http://127.0.0.1:8790'); // URL
 * parseApiUrl('api.v7.flowmatix.ai'); // throws: not a URL (no scheme)
 */
export const parseApiUrl = (apiUrl: string): URL => {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw new TypeError(`The Flowmatix API URL is not a URL: "${quotable(apiUrl)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`The Flowmatix API URL must start with http:// or https://, not "${url.protocol}"`);
  }
  return url;
};
