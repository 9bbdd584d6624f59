import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command';
import { waitForStop } from '../../src/cli/wait-for-stop';

const io = (signal?: AbortSignal): CliIo => ({
  stdout: { write: () => undefined },
  stderr: { write: () => undefined },
  env: {},
  ...(signal && { signal }),
});

describe('waitForStop', () => {
  it('resolves when the signal aborts, or at once if it already has', async () => {
    const controller = new AbortController();
    const waiting = waitForStop(io(controller.signal));
    controller.abort();
    expect(await waiting).toBe('abort');
    expect(await waitForStop(io(AbortSignal.abort()))).toBe('abort');
  });

  it('resolves on SIGTERM without a signal, and removes its handlers', async () => {
    const before = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const waiting = waitForStop(io());
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before.map((n) => n + 1));
    // Node calls signal listeners with the signal's name.
    process.emit('SIGTERM', 'SIGTERM');
    expect(await waiting).toBe('SIGTERM');
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(before);
  });
});
