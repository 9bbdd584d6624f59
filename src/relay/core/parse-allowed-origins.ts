import { RelayConfigurationError } from './relay-configuration-error';

const parseOne = (value: string, name: string): string => {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new RelayConfigurationError(`${name}: "${text}" is not an origin such as https://www.example.com`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RelayConfigurationError(`${name}: "${text}" must start with http:// or https://`);
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || text.includes('*')) {
    throw new RelayConfigurationError(
      `${name}: "${text}" must be a bare origin (scheme, host and port only: no path, query, wildcard or credentials)`,
    );
  }
  return url.origin;
};

/**
 * Reads the configured origins into the exact strings a browser sends in `Origin` (lowercase host, no default
 * port, no trailing slash), so that the gate can compare with plain string equality.
 * Accepts a list or one string separated by commas or whitespace, as `FLOWMATIX_ALLOWED_ORIGINS` is written.
 *
 * @example
 * parseAllowedOrigins('https://Example.com:443, https://www.example.com/'); // ['https://example.com', 'https://www.example.com']
 */
export const parseAllowedOrigins = (
  value: string | readonly string[] | undefined,
  name = 'allowedOrigins',
): string[] => {
  if (value === undefined) return [];
  const items = typeof value === 'string' ? value.split(/[\s,]+/) : value;
  return [...new Set(items.filter((item) => item.trim() !== '').map((item) => parseOne(item, name)))];
};
