import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isRetryableStatus, RELAY_ERROR_STATUS } from '../../../src/shared/relay-protocol';
import { createHarness, expectTokenNeverObserved, lead, type RelayAnswer } from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

const DEADLINE_MS = 20_000;
const DUPLICATES = 6;

/**
 * An upstream that sends its headers (a 500) after 9 s, then hangs mid-body for half a minute: the answer is
 * ready only long after any deadline. Its body stops when the relay aborts the exchange.
 */
const slowThenFailing = (signal: AbortSignal): Promise<Response> =>
  new Promise((resolve) => {
    setTimeout(() => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"success":false,'));
          timer = setTimeout(() => {
            controller.enqueue(new TextEncoder().encode('"message":"internal","code":500}'));
            controller.close();
          }, 30_000);
          signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
        },
        cancel() {
          clearTimeout(timer);
        },
      });
      resolve(new Response(body, { status: 500, headers: { 'content-type': 'application/json' } }));
    }, 9_000);
  });

describe('idempotency under a slow upstream', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** Sends `count` copies of one keyed lead at once; each answer carries the time it took. */
  type Send = (body: unknown, init: { headers: Record<string, string> }) => Promise<RelayAnswer>;
  const burst = (send: Send, count: number) => {
    const sentAt = Date.now();
    return Promise.all(
      Array.from({ length: count }, () =>
        send(lead({ name: 'Ada' }), { headers: { 'idempotency-key': 'lead-9s-500' } }).then((answer) => ({
          ...answer,
          tookMs: Date.now() - sentAt,
        })),
      ),
    );
  };

  it('sends one PUT per attempt for a burst of duplicates, and answers every one within the deadline', async () => {
    const { send, calls, logs } = createHarness({
      upstreamTimeoutMs: 12_000,
      upstreamDeadlineMs: DEADLINE_MS,
      upstreamRetries: 2,
      respond: (request) => slowThenFailing(request.signal),
    });

    const first = burst(send, DUPLICATES);
    await vi.advanceTimersByTimeAsync(60_000);
    const firstRound = await first;
    expect(calls).toHaveLength(1);
    expect(firstRound.map((answer) => answer.tookMs).every((ms) => ms <= DEADLINE_MS)).toBe(true);
    const statuses = firstRound.map((answer) => `${answer.status} ${String(answer.json.code)}`).sort();
    expect(statuses).toEqual([
      ...Array.from({ length: DUPLICATES - 1 }, () => '503 in_flight'),
      '504 upstream_timeout',
    ]);
    for (const answer of firstRound.filter((each) => each.status === 503)) {
      expect(answer.headers.get('retry-after')).toBe('2');
      expect(answer.json.message).toMatch(/was being delivered and failed; this one was not sent/);
    }
    expect(logs.filter((entry) => entry.outcome === 'in_flight')).toHaveLength(DUPLICATES - 1);

    // The companion's retry, later: one of the burst may send again, one at a time.
    const second = burst(send, DUPLICATES);
    await vi.advanceTimersByTimeAsync(60_000);
    const secondRound = await second;
    expect(calls).toHaveLength(2);
    expect(secondRound.map((answer) => answer.tookMs).every((ms) => ms <= DEADLINE_MS)).toBe(true);
    expect(secondRound.filter((answer) => answer.status === 504)).toHaveLength(1);
  });

  it('answers a duplicate within the deadline even when the first request never ends', async () => {
    // The holder is another process that hangs: the store says pending for as long as this one asks.
    const { send, calls } = createHarness({
      upstreamDeadlineMs: DEADLINE_MS,
      idempotencyStore: {
        begin: () => Promise.resolve({ state: 'pending' }),
        complete: () => Promise.resolve(),
        release: () => Promise.resolve(),
      },
    });
    const answers = burst(send, 1);
    await vi.advanceTimersByTimeAsync(60_000);
    const [answer] = await answers;
    expect(answer?.tookMs).toBeLessThanOrEqual(DEADLINE_MS);
    expect([answer?.status, answer?.json.code, answer?.headers.get('retry-after')]).toEqual([503, 'in_flight', '2']);
    expect(answer?.json.message).toMatch(/still being delivered/);
    expect(calls).toHaveLength(0);
  });

  it('replays the first request’s success to the duplicates that waited for it', async () => {
    const { send, calls } = createHarness({
      respond: () =>
        new Promise((resolve) => {
          setTimeout(() => resolve(new Response('{"success":true,"message":"ok","code":200}')), 7_000);
        }),
    });
    const answers = burst(send, DUPLICATES);
    await vi.advanceTimersByTimeAsync(10_000);
    const statuses = (await answers).map((answer) => answer.status);
    expect(statuses).toEqual(Array.from({ length: DUPLICATES }, () => 200));
    expect(calls).toHaveLength(1);
  });
});

describe('in_flight', () => {
  it('is a status every sender retries, unlike conflict: the companion reads only the status', () => {
    expect(isRetryableStatus(RELAY_ERROR_STATUS.in_flight)).toBe(true);
    expect(isRetryableStatus(RELAY_ERROR_STATUS.conflict)).toBe(false);
  });
});
