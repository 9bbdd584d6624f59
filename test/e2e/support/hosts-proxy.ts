import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostsProxy {
  /** `127.0.0.1:PORT`, as a browser's HTTP proxy setting takes it. */
  address: string;
  close(): Promise<void>;
}

/**
 * A plain-HTTP forward proxy that sends requests for `hosts` to the same port on 127.0.0.1 and refuses every other
 * host (502): how an engine without a host map reaches a site name that has no DNS. The request goes on unchanged,
 * its Host header included, as if the name had resolved to loopback.
 *
 * @example
 * const proxy = await startHostsProxy(['shop.test']); // browser proxy: proxy.address
 */
export const startHostsProxy = async (hosts: string[]): Promise<HostsProxy> => {
  const server = createServer((incoming, outgoing) => {
    let target: URL;
    try {
      target = new URL(incoming.url ?? '');
    } catch {
      outgoing.writeHead(400).end('absolute URL expected');
      return;
    }
    if (target.protocol !== 'http:' || !hosts.includes(target.hostname)) {
      outgoing.writeHead(502, { 'Content-Type': 'text/plain' }).end(`no route to ${target.host}`);
      return;
    }
    const headers = { ...incoming.headers };
    delete headers['proxy-connection'];
    const upstream = forward(
      {
        host: '127.0.0.1',
        port: target.port || 80,
        method: incoming.method,
        path: `${target.pathname}${target.search}`,
        headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => (outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end()));
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
