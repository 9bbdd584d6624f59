import { afterAll, describe, expect, it } from 'vitest';
import { createHarness, expectTokenNeverObserved, lead } from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

/** An upstream answer that streams 16 KiB chunks for `total` bytes (Infinity: forever), counting what was pulled. */
const streaming = (total: number, status: number) => {
  const pulled = { bytes: 0 };
  const respond = () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled.bytes >= total) return controller.close();
          pulled.bytes += 16 * 1024;
          controller.enqueue(new Uint8Array(16 * 1024).fill(0x7b));
        },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    );
  return { respond, pulled };
};

describe('an upstream answer larger than the relay reads', () => {
  it.each([
    ['a 5 MB success', 5 * 1024 * 1024, 200],
    ['an endless success', Infinity, 200],
    ['an endless 500', Infinity, 500],
  ])('answers %s with 502 upstream_error, having read no more than 64 KiB of it', async (_name, total, status) => {
    const { respond, pulled } = streaming(total, status);
    const { send, calls, logs } = createHarness({ respond, upstreamRetries: 2 });
    const answer = await send(lead());
    expect([answer.status, answer.json.code]).toEqual([502, 'upstream_error']);
    expect(calls).toHaveLength(1);
    expect(logs[0]).toMatchObject({ upstreamStatus: status, upstreamCode: 'invalid_response' });
    expect(pulled.bytes).toBeLessThanOrEqual(128 * 1024);
  });
});
