import type { TrustProxy } from './get-client-ip';
import { parseAllowedHosts } from './parse-allowed-hosts';
import { parseAllowedOrigins } from './parse-allowed-origins';
import { parseBots } from './parse-bots';
import { RelayConfigurationError } from './relay-configuration-error';
import type { RelayOptions } from './relay-options';

/** Relay options read from the environment, plus the port a standalone relay listens on. */
export type RelayEnvOptions = RelayOptions & { port?: number };

const HEADER_NAME = /^[!#$%&'*+.^_`|~\dA-Za-z-]+$/;

const parseTrustProxy = (value: string): TrustProxy => {
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  if (HEADER_NAME.test(text)) return text;
  throw new RelayConfigurationError(
    `FLOWMATIX_TRUST_PROXY: expected false, true, a number of proxies or a header name such as cf-connecting-ip, got "${value}"`,
  );
};

const parsePort = (value: string): number => {
  const text = value.trim();
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535) {
    throw new RelayConfigurationError(`PORT: expected a port number from 0 to 65535, got "${value}"`);
  }
  return Number(text);
};

const parseStoreFailure = (value: string): 'open' | 'closed' => {
  const text = value.toLowerCase();
  if (text === 'open' || text === 'closed') return text;
  throw new RelayConfigurationError(`FLOWMATIX_STORE_FAILURE: expected "open" or "closed", got "${value}"`);
};

const set = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * Reads the relay's environment table: `FLOWMATIX_TOKEN`, `FLOWMATIX_API_URL`, `FLOWMATIX_BOTS`,
 * `FLOWMATIX_ALLOWED_ORIGINS`, `FLOWMATIX_ALLOWED_HOSTS`, `FLOWMATIX_TRUST_PROXY`, `FLOWMATIX_TOKEN_HEADER`, `FLOWMATIX_STORE_FAILURE` (`open`
 * or `closed`) and `PORT`. `FLOWMATIX_REDIS_URL` is not read here: the stores it names need the Node-only
 * `flowmatix-leads/relay/redis` entry (see `createRedisStores`). Empty values count as unset. Malformed values throw a `RelayConfigurationError` naming the variable; a missing token or allowlist is
 * reported by `createRelay`, so that options can still be added on top.
 *
 * @example
 * const { port = 8787, ...options } = relayOptionsFromEnv(process.env);
 * createServer(toNodeListener(createRelay({ ...options, transport: createNodeTransport() }))).listen(port);
 */
export const relayOptionsFromEnv = (env: Record<string, string | undefined>): RelayEnvOptions => {
  // Trimmed like every value: a token pasted with a trailing newline still works. One with a line break inside does
  // not: createRelay refuses it.
  const token = set(env.FLOWMATIX_TOKEN);
  const apiUrl = set(env.FLOWMATIX_API_URL);
  const bots = set(env.FLOWMATIX_BOTS);
  const origins = set(env.FLOWMATIX_ALLOWED_ORIGINS);
  const hosts = set(env.FLOWMATIX_ALLOWED_HOSTS);
  const trustProxy = set(env.FLOWMATIX_TRUST_PROXY);
  const tokenHeader = set(env.FLOWMATIX_TOKEN_HEADER);
  const storeFailure = set(env.FLOWMATIX_STORE_FAILURE);
  const port = set(env.PORT);
  if (bots !== undefined) parseBots(bots, 'FLOWMATIX_BOTS');
  if (tokenHeader !== undefined && !HEADER_NAME.test(tokenHeader)) {
    throw new RelayConfigurationError(`FLOWMATIX_TOKEN_HEADER: "${tokenHeader}" is not a valid header name`);
  }
  return {
    bots: bots ?? '',
    ...(token !== undefined && { token }),
    ...(apiUrl !== undefined && { apiUrl }),
    ...(origins !== undefined && { allowedOrigins: parseAllowedOrigins(origins, 'FLOWMATIX_ALLOWED_ORIGINS') }),
    ...(hosts !== undefined && { allowedHosts: parseAllowedHosts(hosts, 'FLOWMATIX_ALLOWED_HOSTS') }),
    ...(trustProxy !== undefined && { trustProxy: parseTrustProxy(trustProxy) }),
    ...(tokenHeader !== undefined && { tokenHeader }),
    ...(storeFailure !== undefined && { storeFailure: parseStoreFailure(storeFailure) }),
    ...(port !== undefined && { port: parsePort(port) }),
  };
};
