import { RelayConfigurationError } from './relay-configuration-error';

const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };
// A bracketed IPv6 address, or a name or IPv4 address; then an optional port.
const HOST_AND_PORT = /^(\[[\da-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/;
// What a host name never holds: URL syntax around it, credentials, patterns, spaces.
const NOT_A_HOST = /[/?#@\\*\s%]/;

const parseOne = (value: string, name: string): string => {
  const text = value.trim().toLowerCase();
  // `::1` as people write it; the URL form is `[::1]`.
  const bracketed = /^[\da-f:.]+$/.test(text) && text.split(':').length > 2 ? `[${text}]` : text;
  const match = NOT_A_HOST.test(text) ? null : HOST_AND_PORT.exec(bracketed);
  let hostname = '';
  if (match?.[1]) {
    try {
      hostname = new URL(`http://${match[1]}/`).hostname;
    } catch {
      hostname = '';
    }
  }
  const port = match?.[2];
  if (hostname === '' || (port !== undefined && Number(port) > 65_535)) {
    throw new RelayConfigurationError(
      `${name}: "${value.trim()}" is not a host name such as www.example.com, localhost:5173 or [::1] (no scheme, path or wildcard)`,
    );
  }
  return port === undefined ? hostname : `${hostname}:${Number(port)}`;
};

/**
 * Reads the host names the relay answers for into the form `isAllowedHost` compares: lowercase, IPv6 in brackets,
 * IPv4 and international names as a URL writes them, and a port only when one was given (then only that port
 * matches). Accepts a list or one string separated by commas or whitespace, as `FLOWMATIX_ALLOWED_HOSTS` is
 * written. An empty list is refused: it would refuse every request; leave the option unset to accept any host.
 *
 * @example
 * parseAllowedHosts('Leads.Example.com, localhost:5173, ::1'); // ['leads.example.com', 'localhost:5173', '[::1]']
 */
export const parseAllowedHosts = (value: string | readonly string[], name = 'allowedHosts'): string[] => {
  const items = (typeof value === 'string' ? value.split(/[\s,]+/) : value).filter((item) => item.trim() !== '');
  if (items.length === 0) {
    throw new RelayConfigurationError(`${name}: the list is empty; leave it unset to accept requests for any host`);
  }
  return [...new Set(items.map((item) => parseOne(item, name)))];
};

/**
 * Whether the host a request was addressed to is one the relay answers for: its name alone, or its name and port,
 * is in `allowedHosts` (as `parseAllowedHosts` writes them); `undefined` allows any host.
 *
 * The origin gate alone cannot stop DNS rebinding: a page on an attacker's domain whose name is then pointed at
 * 127.0.0.1 is same-origin with a relay listening there, and its browser says so. Only the host name it used
 * gives it away.
 *
 * @example
 * isAllowedHost('http://127.0.0.1:8787', new Set(['localhost', '127.0.0.1'])); // true
 * isAllowedHost('http://evil.example:8787', new Set(['localhost', '127.0.0.1'])); // false
 */
export const isAllowedHost = (origin: string, allowedHosts: ReadonlySet<string> | undefined): boolean => {
  if (allowedHosts === undefined) return true;
  const url = new URL(origin);
  const port = url.port || DEFAULT_PORT[url.protocol] || '';
  return allowedHosts.has(url.hostname) || allowedHosts.has(`${url.hostname}:${port}`);
};
