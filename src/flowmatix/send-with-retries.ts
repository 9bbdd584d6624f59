import { FlowmatixError } from './flowmatix-error';
import type { FlowmatixTransport, TransportRequest, TransportResponse } from './flowmatix-transport';
import { parseRetryAfter } from './parse-retry-after';
import { ResponseTooLargeError } from './read-capped-text';
import { sleep } from '../shared/sleep';
import { deadlinePassed, errorFromResponse, isRedirect, tooLargeError, type CallContext } from './to-flowmatix-error';

/** When to try a request again, and how long to wait. */
export interface RetryPolicy {
  /** Attempts after the first. */
  retries: number;
  /** Answers worth another attempt; a network error always is. */
  statusCodes: readonly number[];
  /** Answers whose `Retry-After` says how long to wait. */
  afterStatusCodes: readonly number[];
  /** Longest wait, whether backoff or `Retry-After`. */
  maxDelayMs: number;
  /** The wait before retry number `attempt` (from 1) when the answer did not say. */
  delay(attempt: number): number;
}

const abortError = () => new DOMException('This operation was aborted', 'AbortError');

/**
 * One attempt, bounded by `timeoutMs` from the request to the end of the answer's body, which it reads up to
 * `maxBodyBytes` (a larger one is an `invalid_response`, not retried), and by the call's deadline if that comes
 * first: the answer it gives holds the text and nothing of the connection. It settles when the time is up or the
 * caller aborts even if the transport ignores its signal.
 */
const attempt = (
  transport: FlowmatixTransport,
  request: Omit<TransportRequest, 'signal'>,
  context: CallContext,
): Promise<TransportResponse> =>
  new Promise((resolve, reject) => {
    const left = context.deadline === undefined ? Infinity : context.deadline - Date.now();
    if (left <= 0) return reject(deadlinePassed(context));
    const controller = new AbortController();
    const { signal } = context;
    const stop = (error: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = () => {
      controller.abort(signal?.reason);
      stop(signal?.reason ?? abortError());
    };
    const byDeadline = left < context.timeoutMs;
    const timer = setTimeout(
      () => {
        controller.abort();
        stop(
          byDeadline
            ? deadlinePassed(context)
            : new FlowmatixError('timeout', `${context.target} did not answer within ${context.timeoutMs} ms`),
        );
      },
      byDeadline ? left : context.timeoutMs,
    );
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    transport({ ...request, signal: controller.signal })
      .then(async (response) => {
        let body: string;
        try {
          body = await response.text();
        } catch (error) {
          throw error instanceof ResponseTooLargeError ? tooLargeError(error, context) : error;
        }
        // A transport of the caller's making may read past the limit; the answer is refused all the same.
        if (body.length > request.maxBodyBytes) {
          throw tooLargeError(new ResponseTooLargeError(response.status, request.maxBodyBytes), context);
        }
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve({
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          type: response.type,
          url: response.url,
          text: () => Promise.resolve(body),
        });
      })
      .catch(stop);
  });

/**
 * Sends a request through a transport with the client's retry rules, and reads the answer's body: every call of the
 * client goes through it. It resolves with a 2xx answer and rejects with a `FlowmatixError` for any other answer (a
 * redirect at once, a retryable one once the retries are spent) and for a timeout, an attempt's or the call's
 * `deadline` (also when the wait before a retry would end past it); what the transport threw (a network error, the
 * caller's abort) it rethrows once retries are over, for `toFlowmatixError` to name.
 *
 * @example
 * const response = await sendWithRetries(transport, { method: 'PUT', url, headers, body }, policy, context);
 */
export const sendWithRetries = async (
  transport: FlowmatixTransport,
  request: Omit<TransportRequest, 'signal'>,
  policy: RetryPolicy,
  context: CallContext,
): Promise<TransportResponse> => {
  for (let retry = 1; ; retry += 1) {
    const retriesLeft = retry <= policy.retries;
    let wait: number;
    try {
      const response = await attempt(transport, request, context);
      if (response.status >= 200 && response.status < 300) return response;
      if (isRedirect(response) || !retriesLeft || !policy.statusCodes.includes(response.status)) {
        throw await errorFromResponse(response, context, request.url);
      }
      const after = policy.afterStatusCodes.includes(response.status) ? parseRetryAfter(response.headers) : undefined;
      wait = after ?? policy.delay(retry);
    } catch (error) {
      if (error instanceof FlowmatixError || !retriesLeft || context.signal?.aborted) throw error;
      wait = policy.delay(retry);
    }
    const delay = Math.min(wait, policy.maxDelayMs);
    // A wait that ends past the deadline is not waited out: the call has failed already.
    if (context.deadline !== undefined && Date.now() + delay >= context.deadline) {
      throw new FlowmatixError('timeout', `${context.target} did not succeed before the caller's deadline`);
    }
    await sleep(delay, context.signal);
  }
};
