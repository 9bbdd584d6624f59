import { sleep } from '../src/shared/sleep';
import type { DeliveredCount } from './bench-results';
import type { BenchSite } from './start-bench-site';

const SETTLE_MS = 3_000;

/**
 * Counts, for each kind of trial, how many of its visitors' leads the sandbox lists, once that number has stopped
 * changing for a moment (a lead sent as a page left may still be on its way).
 *
 * @example
 * const { companion, naiveFetch } = await countDelivered(site, { companion: [uuid1], naiveFetch: [uuid2] });
 */
export const countDelivered = async <Kind extends string>(
  site: BenchSite,
  sent: Record<Kind, string[]>,
): Promise<Record<Kind, DeliveredCount>> => {
  let listed = await site.listedUuids();
  for (let stableSince = Date.now(); Date.now() - stableSince < SETTLE_MS; ) {
    await sleep(250);
    const now = await site.listedUuids();
    if (now.size !== listed.size) stableSince = Date.now();
    listed = now;
  }
  const entries = (Object.entries(sent) as [Kind, string[]][]).map(([kind, uuids]) => [
    kind,
    { delivered: uuids.filter((uuid) => listed.has(uuid)).length, trials: uuids.length },
  ]);
  return Object.fromEntries(entries) as Record<Kind, DeliveredCount>;
};
