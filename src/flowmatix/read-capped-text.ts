/**
 * What a transport's `text()` rejects with when an answer's body is larger than the request's `maxBodyBytes`: the
 * transport stops reading at the limit and drops the connection, so a huge or endless answer costs no memory. The
 * client turns it into a `FlowmatixError` with code `invalid_response`; it is not itself a call's failure.
 *
 * @example
 * if (received > request.maxBodyBytes) throw new ResponseTooLargeError(response.status, request.maxBodyBytes);
 */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  /** The status of the answer whose body was too large. */
  readonly status: number;
  /** The limit it passed, in bytes. */
  readonly limit: number;

  constructor(status: number, limit: number) {
    super(`The answer's body is larger than ${limit} bytes`);
    this.status = status;
    this.limit = limit;
  }
}

/**
 * Reads a Fetch `Response`'s body as UTF-8 text, at most `maxBytes` of it: past that (or when `Content-Length`
 * says it will be) it cancels the body and rejects with a `ResponseTooLargeError`, having held no more than the
 * limit. Aborting `signal` cancels the body too, also one that an in-process handler streams and never ends.
 *
 * @example
 * const text = await readCappedText(await fetch(url), 64 * 1024, signal);
 */
export const readCappedText = async (response: Response, maxBytes: number, signal?: AbortSignal): Promise<string> => {
  const { body, status } = response;
  if (body === null) return '';
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await body.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(status, maxBytes);
  }
  const reader = body.getReader();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  try {
    if (signal?.aborted) throw signal.reason;
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled body ends its pending read as if it were complete: the text is cut, not whole.
      if (signal?.aborted) throw signal.reason;
      if (done) return text + decoder.decode();
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new ResponseTooLargeError(status, maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
};
