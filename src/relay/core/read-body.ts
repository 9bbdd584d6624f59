import { arrivedBody } from './arrived-body';
import { headerView } from './header-view';

/** Limits on reading a request body. */
export interface ReadBodyLimits {
  /** Bytes at most. */
  maxBytes: number;
  /** Milliseconds to receive the whole body. */
  timeoutMs: number;
}

/** Why a body could not be read; `code` is the relay's answer code. */
export interface ReadBodyFailure {
  ok: false;
  code: 'too_large' | 'body_timeout' | 'bad_request' | 'invalid_json';
  message: string;
}

export type ReadBodyResult = { ok: true; text: string } | ReadBodyFailure;

const failure = (code: ReadBodyFailure['code'], message: string): ReadBodyFailure => ({ ok: false, code, message });

const DIGITS = /^\d+$/;
// Without `stream`, each decode starts afresh: one decoder serves every request.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request body as UTF-8 text without ever holding more than `maxBytes`: a declared `Content-Length` above
 * the cap is refused before reading, and a body that streams past it (chunked, or lying about its length) is
 * cancelled the moment it does. The whole body must arrive within `timeoutMs`, so a client trickling bytes cannot
 * hold the request open. `Content-Length` together with `Transfer-Encoding` is refused: two framings of one body
 * is how requests are smuggled past proxies. A body an adapter holds whole already (`withArrivedBody`) is taken as
 * it is, under the same cap.
 *
 * @example
 * const body = await readBody(request, { maxBytes: 16_384, timeoutMs: 10_000 });
 * if (!body.ok) return fail(body.code, body.message);
 */
export const readBody = async (request: Request, limits: ReadBodyLimits): Promise<ReadBodyResult> => {
  const headers = headerView(request);
  const declared = headers.get('content-length');
  if (declared !== null && headers.has('transfer-encoding')) {
    return failure('bad_request', 'A request may not carry both Content-Length and Transfer-Encoding.');
  }
  if (declared !== null) {
    if (!DIGITS.test(declared.trim())) return failure('bad_request', 'The Content-Length header is malformed.');
    if (Number(declared) > limits.maxBytes) return tooLarge(limits.maxBytes);
  }
  const arrived = arrivedBody(request);
  if (arrived !== undefined) {
    return arrived.byteLength > limits.maxBytes ? tooLarge(limits.maxBytes) : decode(arrived);
  }
  if (request.body === null) return empty();

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limits.timeoutMs);
  });
  const stop = () => reader.cancel().catch(() => undefined);
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === 'timeout') {
        void stop();
        return failure('body_timeout', `The body did not arrive within ${limits.timeoutMs} ms.`);
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > limits.maxBytes) {
        void stop();
        return tooLarge(limits.maxBytes);
      }
      chunks.push(next.value);
    }
  } catch {
    return failure('bad_request', 'The body could not be read: the connection broke while sending it.');
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decode(bytes);
};

const empty = (): ReadBodyFailure => failure('invalid_json', 'The body is empty: send the lead as a JSON object.');

const decode = (bytes: Uint8Array): ReadBodyResult => {
  if (bytes.byteLength === 0) return empty();
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return failure('invalid_json', 'The body is not valid UTF-8.');
  }
};

const tooLarge = (maxBytes: number): ReadBodyFailure =>
  failure('too_large', `The body is larger than ${maxBytes} bytes.`);
