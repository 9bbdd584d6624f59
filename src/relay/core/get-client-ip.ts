import { headerView } from './header-view';
import { ipBucketKey } from './ip-bucket-key';

/**
 * Which proxies in front of the relay may say who the client is:
 * - `false` (default): nobody; the client is the socket's peer address.
 * - a number of hops `n` (`true` means 1): the client is the `n`-th address from the right of `X-Forwarded-For`,
 *   each trusted proxy having appended the address it received from. Addresses further left were written by the
 *   client and are ignored. A request that carries fewer than `n` addresses did not come through the proxies and
 *   falls back to the socket address.
 * - a header name (`'cf-connecting-ip'`, `'x-real-ip'`, `'fly-client-ip'`...): the one address the platform
 *   writes there (Cloudflare Workers, for instance, have no socket address and set `CF-Connecting-IP`).
 *
 * The same setting decides whose `X-Forwarded-Proto` and `X-Forwarded-Host` the origin gate reads: the `n`-th
 * value from the right with a number of hops, none with a header name (such platforms hand over the public URL).
 *
 * Only trust a proxy that the relay cannot be reached around: otherwise any client can name itself.
 */
export type TrustProxy = boolean | number | string;

interface SocketLike {
  remoteAddress?: unknown;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;

/**
 * The peer address the runtime reports, from the second argument of `app.fetch` (Hono's `c.env`):
 * `{ incoming }` from @hono/node-server (node:http, Express, Vite, Vercel's Node runtime), `{ remoteAddr }` from
 * `Deno.serve`, the `Server` with `requestIP()` from `Bun.serve`, `{ ip }` from Netlify Functions' context.
 */
const socketAddress = (request: Request, env: unknown): string | undefined => {
  const record = asRecord(env);
  if (!record) return undefined;
  const incoming = asRecord(record.incoming);
  const socket = asRecord(incoming?.socket) as SocketLike | undefined;
  if (typeof socket?.remoteAddress === 'string') return socket.remoteAddress;
  const remoteAddr = asRecord(record.remoteAddr);
  if (typeof remoteAddr?.hostname === 'string') return remoteAddr.hostname;
  if (typeof record.requestIP === 'function') {
    const found = asRecord((record.requestIP as (request: Request) => unknown).call(env, request));
    if (typeof found?.address === 'string') return found.address;
  }
  return typeof record.ip === 'string' ? record.ip : undefined;
};

/** An address as a proxy writes it, without brackets or port; undefined when it is not an IP address. */
const cleanAddress = (value: string): string | undefined => {
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  return ipBucketKey(text) ? text : undefined;
};

/**
 * The client's IP address, or undefined when the runtime gives none and no trusted header names it (the relay
 * then skips its per-address limit rather than putting every visitor in one bucket).
 *
 * @example
 * getClientIp(request, c.env, false); // the socket's peer, e.g. '203.0.113.7'
 * getClientIp(request, c.env, 1); // the address nginx appended to X-Forwarded-For
 * getClientIp(request, env, 'cf-connecting-ip'); // on Cloudflare Workers
 */
export const getClientIp = (request: Request, env: unknown, trustProxy: TrustProxy): string | undefined => {
  const peer = socketAddress(request, env);
  const fromSocket = peer === undefined ? undefined : cleanAddress(peer);
  if (trustProxy === false || trustProxy === 0) return fromSocket;
  if (typeof trustProxy === 'string') {
    const value = headerView(request).get(trustProxy);
    return (value === null ? undefined : cleanAddress(value)) ?? fromSocket;
  }
  const hops = trustProxy === true ? 1 : trustProxy;
  const forwarded = (headerView(request).get('x-forwarded-for') ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const candidate = forwarded[forwarded.length - hops];
  if (forwarded.length < hops || candidate === undefined) return fromSocket;
  return cleanAddress(candidate) ?? fromSocket;
};
