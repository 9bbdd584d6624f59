const DEFAULT_PORT: Record<string, string> = { 'http:': '80', 'https:': '443' };

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
