import { availableParallelism, cpus, totalmem } from 'node:os';
import type { BenchResults } from './bench-results';

/**
 * The machine a run measured: CPU model and count, memory, and the Node and Chromium versions.
 *
 * @example
 * readMachine(browser.version()); // { cpu: 'Intel(R) Xeon(R) Processor', cores: 2, memoryGb: 23.5, … }
 */
export const readMachine = (chromium: string): BenchResults['machine'] => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: availableParallelism(),
  memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  chromium,
});
