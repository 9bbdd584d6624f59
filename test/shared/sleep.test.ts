import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/shared/sleep';

describe('sleep', () => {
  it('waits about as long as asked, and not at all for 0 or less', async () => {
    let started = performance.now();
    await sleep(60);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    started = performance.now();
    await sleep(-10);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects with the signal reason as soon as the signal aborts, and at once if it already has', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(sleep(30_000, controller.signal)).rejects.toThrow('stop');
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(sleep(30_000, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaves no listener on a signal it no longer waits for', async () => {
    const controller = new AbortController();
    let added = 0;
    let removed = 0;
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = (...args: Parameters<typeof add>) => {
      added += 1;
      add(...args);
    };
    signal.removeEventListener = (...args: Parameters<typeof remove>) => {
      removed += 1;
      remove(...args);
    };
    await sleep(1, signal);
    expect([added, removed]).toEqual([1, 1]);
  });
});
