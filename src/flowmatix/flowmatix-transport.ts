/** One HTTP request of the Flowmatix client, with everything already in place: URL, headers, a text body. */
export interface TransportRequest {
  method: 'GET' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Aborts the exchange, the reading of the answer's body included. */
  signal: AbortSignal;
  /**
   * The largest answer body the client takes, in bytes: past it the transport stops reading, drops the connection
   * and rejects `text()` with a `ResponseTooLargeError`, so that a huge or endless answer costs no memory.
   */
  maxBodyBytes: number;
}

/**
 * What the client reads of an answer: a Fetch `Response` is one. `text()` is called once for every answer the
 * client gets, so that a transport can give its connection back once the body is read.
 */
export interface TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  /** `opaqueredirect` for a browser's redirect answer with `redirect: 'manual'`. */
  readonly type?: string;
  /** The URL the answer came from, when the transport knows it. */
  readonly url?: string;
  /** The body as text; rejects with a `ResponseTooLargeError` past the request's `maxBodyBytes`. */
  text(): Promise<string>;
}

/**
 * How the client sends a request: it must not follow redirects (the client refuses them: they would carry the
 * token to whatever host they name), and it rejects only when no HTTP answer came (refused, reset, aborted). A
 * Fetch-based one is the default; the relay's Node adapter has one on `node:http` (`createNodeTransport`).
 *
 * @example
 * const transport: FlowmatixTransport = async ({ url, method, headers, body, signal, maxBodyBytes }) => {
 *   const response = await fetch(url, { method, headers, body, signal, redirect: 'manual' });
 *   const { status, statusText, headers: answered } = response;
 *   return { status, statusText, headers: answered, text: () => readCappedText(response, maxBodyBytes, signal) };
 * };
 */
export type FlowmatixTransport = (request: TransportRequest) => Promise<TransportResponse>;
