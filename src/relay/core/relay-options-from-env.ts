import type { TrustProxy } from './get-client-ip';
import { parseAllowedHosts } from './parse-allowed-hosts';
import { parseAllowedOrigins } from './parse-allowed-origins';
import { parseBots } from './parse-bots';
import { RelayConfigurationError } from './relay-configuration-error';
import type { ForwardTarget } from './create-held-lead-forwarder';
import type { RelayOptions, UnattachedPolicy } from './relay-options';

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

const parseUnattached = (value: string): UnattachedPolicy => {
  const text = value.toLowerCase();
  if (text === 'hold' || text === 'mint' || text === 'drop') return text;
  throw new RelayConfigurationError(`FLOWMATIX_UNATTACHED: expected "hold", "mint" or "drop", got "${value}"`);
};

const DAY_MS = 86_400_000;

const parseHeldTtlDays = (value: string): number => {
  const days = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(days > 0) || days > 3650) {
    throw new RelayConfigurationError(`FLOWMATIX_HELD_TTL_DAYS: expected a number of days above 0, got "${value}"`);
  }
  return Math.round(days * DAY_MS);
};

// Neither value is repeated in an error: the secret is one, and a hook URL's path often is too.
const parseForward = (url: string | undefined, secret: string | undefined): ForwardTarget | undefined => {
  if (url === undefined && secret === undefined) return undefined;
  if (url === undefined) {
    throw new RelayConfigurationError(
      'FLOWMATIX_FORWARD_SECRET is set without FLOWMATIX_FORWARD_URL: set both to forward held leads, or neither',
    );
  }
  if (secret === undefined) {
    throw new RelayConfigurationError(
      'FLOWMATIX_FORWARD_URL is set without FLOWMATIX_FORWARD_SECRET: set a secret to sign what is forwarded',
    );
  }
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new RelayConfigurationError('FLOWMATIX_FORWARD_URL: expected an absolute http:// or https:// URL');
  }
  return { url, secret };
};

const set = (value: string | undefined): string | undefined =>
  value === undefined || value.trim() === '' ? undefined : value.trim();

/**
 * Reads the relay's environment table: `FLOWMATIX_TOKEN`, `FLOWMATIX_API_URL`, `FLOWMATIX_BOTS`,
 * `FLOWMATIX_ALLOWED_ORIGINS`, `FLOWMATIX_ALLOWED_HOSTS`, `FLOWMATIX_TRUST_PROXY`, `FLOWMATIX_TOKEN_HEADER`,
 * `FLOWMATIX_STORE_FAILURE` (`open` or `closed`), `FLOWMATIX_UNATTACHED` (`hold`, `mint` or `drop`),
 * `FLOWMATIX_HELD_TTL_DAYS` (as `heldTtlMs`), `FLOWMATIX_FORWARD_URL` with `FLOWMATIX_FORWARD_SECRET` (as
 * `forward`; one without the other is an error) and `PORT`. `FLOWMATIX_REDIS_URL` and `FLOWMATIX_DATA_DIR` are not
 * read here: the stores they name need the Node-only entries (`flowmatix-leads/relay/redis`, `…/relay/node`).
 * Empty values count as unset. Malformed values throw a `RelayConfigurationError` naming the variable; a missing
 * token or allowlist is reported by `createRelay`, so that options can still be added on top.
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
  const unattached = set(env.FLOWMATIX_UNATTACHED);
  const heldTtlDays = set(env.FLOWMATIX_HELD_TTL_DAYS);
  const forward = parseForward(set(env.FLOWMATIX_FORWARD_URL), set(env.FLOWMATIX_FORWARD_SECRET));
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
    ...(unattached !== undefined && { unattached: parseUnattached(unattached) }),
    ...(heldTtlDays !== undefined && { heldTtlMs: parseHeldTtlDays(heldTtlDays) }),
    ...(forward !== undefined && { forward }),
    ...(port !== undefined && { port: parsePort(port) }),
  };
};
