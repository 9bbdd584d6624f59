// Registered symbols: an adapter and the relay from two copies of the package still agree on them.
const MALFORMED = Symbol.for('flowmatix-leads.malformed-request');
const ANSWERS_MALFORMED = Symbol.for('flowmatix-leads.answers-malformed-requests');

/** A request the runtime received but could not make into a Fetch `Request`, as the relay logs and answers it. */
export interface MalformedRequest {
  /** The method as received. */
  method: string;
  /** The request target as received (the relay bounds it in its log line). */
  path: string;
  /** What is wrong, as the answer's `message` says it to the client. */
  message: string;
}

type Marked = Request & { [MALFORMED]?: MalformedRequest };

/**
 * A stand-in `Request` for one the runtime could not parse (a `Host` that is not a host name, a backslash in the
 * path, HTTP/1.0 without `Host`), which an adapter hands to an app that {@link answersMalformedRequests}: the relay
 * answers it 400 `bad_request` with its JSON, `requestId` and log line like any other request.
 *
 * @example
 * app.fetch(malformedRequest({ method: 'POST', path: '/api\\lead', message: 'The request path holds a backslash.' }));
 */
export const malformedRequest = (details: MalformedRequest): Request => {
  const request = new Request('http://malformed.invalid/') as Marked;
  request[MALFORMED] = details;
  return request;
};

/**
 * What an adapter said is wrong with a request it could not parse, or undefined for an ordinary request.
 *
 * @example
 * const malformed = readMalformedRequest(c.req.raw);
 */
export const readMalformedRequest = (request: Request): MalformedRequest | undefined => (request as Marked)[MALFORMED];

/**
 * Marks an app as one that answers {@link malformedRequest} stand-ins itself (the relay does); an adapter leaves
 * other apps to the runtime's own answer.
 *
 * @example
 * answerMalformedRequests(app);
 */
export const answerMalformedRequests = <T extends object>(app: T): T => {
  (app as { [ANSWERS_MALFORMED]?: true })[ANSWERS_MALFORMED] = true;
  return app;
};

/**
 * Whether an app was marked by {@link answerMalformedRequests}.
 *
 * @example
 * if (answersMalformedRequests(app)) return app.fetch(malformedRequest(details));
 */
export const answersMalformedRequests = (app: object): boolean =>
  (app as { [ANSWERS_MALFORMED]?: true })[ANSWERS_MALFORMED] === true;
