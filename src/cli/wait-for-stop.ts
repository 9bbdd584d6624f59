import type { CliIo } from './cli-command';

/**
 * Resolves when a long-running command should stop: when `io.signal` aborts or, without one, on the first SIGINT
 * or SIGTERM. Handlers are installed only while waiting, so other commands keep Node's default Ctrl-C.
 *
 * @example
 * const server = await start();
 * await waitForStop(io);
 * await server.close();
 */
export const waitForStop = (io: CliIo): Promise<string> => {
  const { signal } = io;
  if (signal) {
    return new Promise((resolve) => {
      if (signal.aborted) resolve('abort');
      else signal.addEventListener('abort', () => resolve('abort'), { once: true });
    });
  }
  return new Promise((resolve) => {
    const stop = (name: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(name);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
};
