/**
 * Waits `ms` milliseconds (none when 0 or less). Aborting `signal` ends the wait at once: the promise rejects with
 * the signal's reason, as `signal.throwIfAborted()` would, and no timer is left behind.
 *
 * @example
 * await sleep(250);
 * await sleep(retryMs, request.signal).catch(() => undefined);
 */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
