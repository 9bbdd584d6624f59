import { ResponseTooLargeError } from './response-too-large-error';

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
