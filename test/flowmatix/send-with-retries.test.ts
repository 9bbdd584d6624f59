import { describe, expect, it } from 'vitest';
import { FlowmatixError } from '../../src/flowmatix/flowmatix-error';
import type { FlowmatixTransport, TransportResponse } from '../../src/flowmatix/flowmatix-transport';
import { sendWithRetries, type RetryPolicy } from '../../src/flowmatix/send-with-retries';
import type { CallContext } from '../../src/flowmatix/to-flowmatix-error';

const request = {
  method: 'PUT' as const,
  url: 'https://api.example/inbox/direct/lead',
  headers: {},
  body: '{}',
  maxBodyBytes: 1_024,
};
const policy = (fields: Partial<RetryPolicy> = {}): RetryPolicy => ({
  retries: 2,
  statusCodes: [429, 502, 503, 504],
  afterStatusCodes: [429, 503],
  maxDelayMs: 5_000,
  delay: () => 1,
  ...fields,
});
const context = (fields: Partial<CallContext> = {}): CallContext => ({
  target: `PUT ${request.url}`,
  token: 'tok',
  timeoutMs: 1_000,
  signal: undefined,
  ...fields,
});
const answer = (
  status: number,
  headers: Record<string, string> = {},
  body = '{"success":true}',
): TransportResponse => ({
  status,
  statusText: '',
  headers: { get: (name) => headers[name.toLowerCase()] ?? null },
  text: async () => body,
});
/** A transport that gives these answers in turn (an Error is thrown as a network failure), recording when. */
const scripted = (...answers: (TransportResponse | Error)[]) => {
  const at: number[] = [];
  const transport: FlowmatixTransport = async () => {
    at.push(performance.now());
    const next = answers.shift();
    if (next === undefined || next instanceof Error) throw next ?? new Error('no more answers');
    return next;
  };
  return { transport, at };
};

describe('sendWithRetries', () => {
  it('gives back a 2xx with its body read, after retrying a network error and a 503', async () => {
    const { transport, at } = scripted(new TypeError('fetch failed'), answer(503), answer(200, {}, '{"ok":1}'));
    const response = await sendWithRetries(transport, request, policy(), context());
    expect([response.status, await response.text(), at.length]).toEqual([200, '{"ok":1}', 3]);
  });

  it('waits as long as a Retry-After in seconds or as an HTTP date says, capped at maxDelayMs', async () => {
    const seconds = scripted(answer(429, { 'retry-after': '0.3' }), answer(200));
    await sendWithRetries(seconds.transport, request, policy(), context());
    expect((seconds.at[1] ?? 0) - (seconds.at[0] ?? 0)).toBeGreaterThanOrEqual(280);
    const date = new Date(Date.now() + 60_000).toUTCString();
    const capped = scripted(answer(503, { 'retry-after': date }), answer(200));
    await sendWithRetries(capped.transport, request, policy({ maxDelayMs: 100 }), context());
    expect((capped.at[1] ?? 0) - (capped.at[0] ?? 0)).toBeLessThan(1_000);
  });

  it('falls back to its backoff when Retry-After cannot be read', async () => {
    const { transport, at } = scripted(answer(429, { 'retry-after': 'soon' }), answer(200));
    await sendWithRetries(transport, request, policy({ delay: () => 200 }), context());
    expect((at[1] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(180);
  });

  it('ends an attempt at timeoutMs even when the transport ignores its signal, and does not retry it', async () => {
    let calls = 0;
    const hanging: FlowmatixTransport = () => {
      calls += 1;
      return new Promise(() => undefined);
    };
    const error = await sendWithRetries(hanging, request, policy(), context({ timeoutMs: 50 })).catch((e) => e);
    expect(error).toBeInstanceOf(FlowmatixError);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(calls).toBe(1);
  });

  it('stops waiting between retries as soon as the caller aborts', async () => {
    const controller = new AbortController();
    const { transport } = scripted(answer(503, { 'retry-after': '30' }), answer(200));
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await sendWithRetries(transport, request, policy(), context({ signal: controller.signal })).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DOMException);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects a redirect and a non-retryable answer at once, and a retryable one once retries are spent', async () => {
    for (const [first, attempts] of [
      [answer(302, { location: 'https://elsewhere.example/x' }), 1],
      [answer(500), 1],
      [answer(502), 3],
    ] as const) {
      const { transport, at } = scripted(first, answer(first.status), answer(first.status));
      const error = await sendWithRetries(transport, request, policy(), context()).catch((e) => e);
      expect(error).toMatchObject({ code: 'http_error', status: first.status });
      expect(at).toHaveLength(attempts);
    }
  });

  describe('with a deadline for the whole call', () => {
    it('ends an attempt at the deadline when it comes before timeoutMs', async () => {
      const hanging: FlowmatixTransport = () => new Promise(() => undefined);
      const started = performance.now();
      const error = await sendWithRetries(hanging, request, policy(), context({ deadline: Date.now() + 60 })).catch(
        (e) => e,
      );
      expect(error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/caller's deadline/) });
      expect(performance.now() - started).toBeLessThan(900);
    });

    it('does not wait for a retry whose wait would end past the deadline', async () => {
      const { transport, at } = scripted(answer(503, { 'retry-after': '5' }), answer(200));
      const started = performance.now();
      const error = await sendWithRetries(
        transport,
        request,
        policy(),
        context({ deadline: Date.now() + 1_000 }),
      ).catch((e) => e);
      expect(error).toMatchObject({ code: 'timeout', message: expect.stringMatching(/did not succeed before/) });
      expect([at.length, performance.now() - started < 500]).toEqual([1, true]);
    });

    it('retries within the deadline as without one', async () => {
      const { transport, at } = scripted(answer(503), answer(200));
      const response = await sendWithRetries(transport, request, policy(), context({ deadline: Date.now() + 5_000 }));
      expect([response.status, at.length]).toEqual([200, 2]);
    });

    it('sends nothing once the deadline has passed', async () => {
      const { transport, at } = scripted(answer(200));
      const error = await sendWithRetries(transport, request, policy(), context({ deadline: Date.now() - 1 })).catch(
        (e) => e,
      );
      expect(error).toMatchObject({ code: 'timeout' });
      expect(at).toHaveLength(0);
    });
  });
});
