import { startDemo, type DemoServer } from './start-demo';
import { startTestHost, type TestHost } from './test-host';

export interface Storefront {
  demo: DemoServer;
  /** What the browser visits: the demo behind a recording, fault-injecting test host. */
  host: TestHost;
  close(): Promise<void>;
}

/**
 * The demo storefront (see `startDemo`) behind a {@link TestHost}: browsers visit `host.url`, tests read the inbox
 * and the sandbox from `demo` directly.
 *
 * @example
 * const { demo, host } = await startStorefront();
 */
export const startStorefront = async (options: Parameters<typeof startDemo>[0] = {}): Promise<Storefront> => {
  const demo = await startDemo(options);
  const host = await startTestHost(demo.url);
  return {
    demo,
    host,
    async close() {
      await host.close();
      await demo.close();
    },
  };
};
