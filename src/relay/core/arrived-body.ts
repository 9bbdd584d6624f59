// A registered symbol: an adapter and the relay from two copies of the package still agree on it.
const ARRIVED_BODY = Symbol.for('flowmatix-leads.arrived-body');

type WithArrivedBody = Request & { [ARRIVED_BODY]?: Uint8Array };

/**
 * The whole body of a request, as an adapter that holds it already (the Node one, once the body has arrived or a
 * body parser consumed it) attached it with {@link withArrivedBody}; `undefined` when the body is to be read from
 * `request.body`. The relay reads these bytes instead of streaming them again: on Node a `ReadableStream` and its
 * reader cost a relayed lead more than its JSON does.
 *
 * @example
 * const bytes = arrivedBody(request) ?? new Uint8Array(await request.arrayBuffer());
 */
export const arrivedBody = (request: Request): Uint8Array | undefined => (request as WithArrivedBody)[ARRIVED_BODY];

/**
 * Attaches a request's whole body, for {@link arrivedBody}. Only for bytes that are the complete body: the relay
 * applies its size cap to them but no longer waits for more.
 *
 * @example
 * app.fetch(withArrivedBody(request, incoming.rawBody));
 */
export const withArrivedBody = (request: Request, bytes: Uint8Array): Request => {
  (request as WithArrivedBody)[ARRIVED_BODY] = bytes;
  return request;
};
