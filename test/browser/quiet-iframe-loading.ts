import { expect, vi } from 'vitest';

/**
 * happy-dom loads no frame pages here and prints each refusal, with a stack trace, through the console it was
 * created with (Node's own, which writes to stderr). Tests that put an iframe in the page expect that refusal: this
 * keeps it out of the output and checks that it was the one thing printed.
 */
export function quietIframeLoading() {
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return {
    expectRefused(...urls: string[]) {
      const printed = write.mock.calls.map(([chunk]) => String(chunk)).join('');
      write.mockRestore();
      const refusals = [
        ...printed.matchAll(/Failed to load iframe page "([^"]*)"\. Iframe page loading is disabled\./g),
      ];
      expect(refusals.map(([, url]) => url)).toEqual(urls);
    },
  };
}
