import type { BenchResults } from './bench-results';
import type { GoalCheck } from './check-goals';

/** What the table says besides results.json: where figures come from and how many samples they rest on. */
export interface ResultNotes {
  /** The file weighed for each entry of `size`. */
  files: Record<string, string>;
  mainThreadRuns: number;
  /** Medians of the marked evaluation with the companion and around an empty script; `initMs` is their difference. */
  initWithMs: number;
  initWithoutMs: number;
  /** Median of the companion's run alone (its evaluation less parse and compile). */
  initRunMs: number;
  /**
   * By peer: its median between the marks (its `peerInitMs` is this less `initWithoutMs`) and of its run alone (its
   * start call included).
   */
  peerInit?: Record<string, { markedMs: number; runMs: number }>;
  submitWithMs: number;
  submitWithoutMs: number;
  relayRequests: number;
  bareRequests: number;
  bareP50Ms: number;
  connections: number;
  /** The latency phase: requests to each target, one at a time. */
  latency: { requests: number };
  /** Latency under saturation (queueing included). */
  saturated: { relay: { p50Ms: number; p99Ms: number }; bare: { p50Ms: number; p99Ms: number } };
  /** CPU time per request of the relay's process, the bare pass-through's, and the sandbox's (under the relay). */
  cpuMsPerRequest: { relay: number; bare: number; sandbox: number };
  rssSamplesMb: number[];
  /** What the relay retained (JS heap used plus external) at the same moments: memory is judged flat on these. */
  retainedSamplesMb: number[];
  submitToListedRuns: number;
  clockErrorMs: number;
  durationS: number;
  /** Requests of each kind in the relay cost phase, and of each target in its light-upstream throughput phase. */
  costRequests: number;
  lightRequests: number;
}

const int = (value: number) => Math.round(value).toLocaleString('en');
const ms = (value: number, digits = 2) => `${value.toFixed(digits)} ms`;

const table = (rows: string[][]): string => {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...body.map(line)].join(
    '\n',
  );
};

/**
 * The benchmark as one Markdown table (figure, value, goal, met) with the run's date and machine above it and the
 * methods in numbered footnotes below: what `npm run bench` prints, ready to paste into docs/benchmarks.md.
 *
 * @example
 * console.log(formatResults(results, notes, checkGoals(results, notes.rssSamplesMb)));
 */
export const formatResults = (results: BenchResults, notes: ResultNotes, checks: readonly GoalCheck[]): string => {
  const { machine, mainThread, navigateAway, relay, relayCost } = results;
  const slow = navigateAway.slowNetwork;
  const peers = Object.entries(mainThread.peerInitMs ?? {});
  const delivered = ({ delivered, trials }: { delivered: number; trials: number }) =>
    `${delivered}/${trials} delivered`;
  const verdict = (index: number) => {
    const check = checks[index];
    return check ? [check.goal, check.met ? 'yes' : 'no'] : ['', ''];
  };
  const sizes = Object.entries(results.size).map(([name, size], index) => [
    `size: ${name} (gzip / brotli) ¹`,
    `${int(size.gzip)} / ${int(size.brotli)} B`,
    ...(index === 0 ? verdict(0) : ['anchor', '']),
  ]);
  const rows = [
    ['figure', 'value', 'goal', 'met'],
    ...sizes,
    [`main thread: companion init, median of ${notes.mainThreadRuns} ²`, ms(mainThread.initMs, 3), ...verdict(1)],
    ...peers.map(([name, initMs]) => [
      `main thread: ${name} init, median of ${notes.mainThreadRuns} ²`,
      `${ms(initMs, 3)} (ours / this: ${(mainThread.initMs / initMs).toFixed(2)})`,
      'peer',
      '',
    ]),
    [`main thread: submit handler, median of ${notes.mainThreadRuns} ³`, ms(mainThread.submitMs, 3), ...verdict(2)],
    ['main thread: long tasks ≥ 50 ms, all runs ⁴', String(mainThread.longTasks), ...verdict(3)],
    ['navigate away: companion ⁵', delivered(navigateAway.companion), ...verdict(4)],
    ['navigate away: naive fetch, no keepalive ⁵', delivered(navigateAway.naiveFetch), 'reference', ''],
    ...(slow
      ? [
          ['navigate away, slow network: companion ⁵', delivered(slow.companion), ...verdict(11)],
          ['navigate away, slow network: naive fetch, no keepalive ⁵', delivered(slow.naiveFetch), 'reference', ''],
        ]
      : []),
    ['relay: requests/s (bare pass-through) ⁶', `${int(relay.rps)} (${int(relay.bareRps)})`, '', ''],
    ['relay: rps ratio relay / bare ⁶', relay.ratio.toFixed(2), ...verdict(5)],
    [
      'relay: CPU per request (bare; sandbox) ⁶',
      `${ms(notes.cpuMsPerRequest.relay)} (${ms(notes.cpuMsPerRequest.bare)}; ${ms(notes.cpuMsPerRequest.sandbox)})`,
      '',
      '',
    ],
    [
      'relay: p50 / p99 one at a time (bare p50 / p99) ⁶',
      `${ms(relay.p50Ms)} / ${ms(relay.p99Ms)} (${ms(notes.bareP50Ms)} / ${ms(relay.bareP99Ms)})`,
      ...verdict(6),
    ],
    [`relay: RSS after ${int(notes.relayRequests)} requests ⁷`, `${relay.rssMb.toFixed(1)} MB`, ...verdict(7)],
    [
      `submit → listed by the sandbox, median of ${notes.submitToListedRuns} ⁸`,
      ms(results.submitToListedMs, 1),
      '',
      '',
    ],
    [
      'relay: worst-case request CPU / normal lead ⁹',
      `${relayCost.worstCaseRatio.toFixed(2)}× (${relayCost.worstCaseKind})`,
      ...verdict(8),
    ],
    ['relay: 429 CPU / normal lead ⁹', `${relayCost.refusedRatio.toFixed(2)}×`, ...verdict(9)],
    [
      `relay vs bare, light upstream, ${relayCost.lightConnections} connections: rps (bare) ⁹`,
      `${int(relayCost.lightRps)} (${int(relayCost.lightBareRps)})`,
      '',
      '',
    ],
    ['relay / bare rps, light upstream ⁹', relayCost.lightRatio.toFixed(2), ...verdict(10)],
    [
      'stack floor (Hono forwarding unchecked JSON) / bare rps, light upstream ⁹',
      `${relayCost.lightFloorRatio.toFixed(2)} (${int(relayCost.lightFloorRps)} rps, p99 ${ms(relayCost.lightFloorP99Ms)})`,
      '',
      '',
    ],
    [
      `relay p99, light upstream, ${relayCost.lightConnections} connections (bare) ⁹`,
      `${ms(relayCost.lightP99Ms)} (${ms(relayCost.lightBareP99Ms)})`,
      '',
      '',
    ],
  ];
  const peerMarks = peers
    .map(([name]) => {
      const peer = notes.peerInit?.[name];
      return peer === undefined
        ? ''
        : ` ${name}: median ${ms(peer.markedMs, 3)} between the marks; its run alone, start included, ${ms(peer.runMs, 3)}.`;
    })
    .join('');
  const kbits = (bytesPerSecond: number) => `${int((bytesPerSecond * 8) / 1000)} kbit/s`;
  const slowNote = slow
    ? ` Slow network: Chromium's DevTools network emulation (Network.emulateNetworkConditions: ${int(slow.network.latencyMs)} ms from a request sent to its answer, ${kbits(slow.network.downloadBytesPerSecond)} down, ${kbits(slow.network.uploadBytesPerSecond)} up) set on the tab once the contact page has loaded, checked to hold a request to the relay and each landing page at least that long. When the landing page had loaded, the relay already listed ${slow.listedOnLanding.companion}/${slow.companion.trials} of the companion's leads and ${slow.listedOnLanding.naiveFetch}/${slow.naiveFetch.trials} of the naive fetch's (the emulation holds answers, not requests).`
    : '';
  const files = Object.entries(notes.files)
    .map(([name, file]) => `${name}: ${file}`)
    .join('; ');
  const footnotes = [
    `¹ gzip -9 (zlib, no file name header) and brotli quality 11. Files: ${files}.`,
    `² Chromium, a contact page loaded ${notes.mainThreadRuns} times with each script and as many times with none, alternated in an order that turns each round, all served the same way (fresh profile, sessionStorage cleared, a new source text each load so no compilation cache). Each script (the files of the size rows) inline between two performance marks and followed by what a site calls to start it on the page's form: nothing for the companion (it starts itself), formspree('initForm', …) with the form for @formspree/ajax, Plausible({…}).enableAutoPageviews() for plausible-tracker (its first pageview sent to a local endpoint); each checked after every load to have started (the companion's API on window, formspree's onInit called, plausible's pushState hook in place). So each figure is a script's parse, compile, run and start on the main thread (its download is not included). Companion: median ${ms(notes.initWithMs, 3)} between the marks, less ${ms(notes.initWithoutMs, 3)} for the same marks around an empty script (as many alternated loads); the run alone (from a mark at its first statement) took ${ms(notes.initRunMs, 3)}.${peerMarks} Pages are cross-origin isolated for 5 µs timers.`,
    `³ The loads with the companion and those with none: a real click on a native form (posting into an iframe, so the page stays and the companion takes the navigate-away path) once the loaded page has had an idle moment (as when a visitor fills the form first), timed from the first capture listener on window to the last bubble listener, microtasks included. Median with the companion ${ms(notes.submitWithMs, 3)} minus median without it (as many alternated loads) ${ms(notes.submitWithoutMs, 3)}.`,
    '⁴ PerformanceObserver (longtask) from before the companion ran until its lead was sent, on every load with it.',
    `⁵ ${navigateAway.companion.trials} trials each over loopback (no added latency)${slow ? `, then ${slow.companion.trials} each on a slow network` : ''}, companion and naive fetch alternated, each in a new tab: a real click on a native form that posts to a page without the companion; the tab is closed once that page has loaded. Leads counted in the sandbox's list afterwards.${slowNote}`,
    `⁶ autocannon over loopback against the relay (createRelay: full validation, rate limits off, Idempotency-Key; createNodeTransport() upstream; toNodeListener with overrideGlobalObjects on node:http, as a process serving only the relay) and a bare node:http pass-through that only adds the token header, each in its own process, both delivering to the same sandbox in a third process (no latency); a new visitor UUID and idempotency key per request. Throughput: ${int(notes.relayRequests)} requests to the relay and ${int(notes.bareRequests)} to the bare one over ${notes.connections} connections, each sending its next request when the last is answered, in alternating rounds (latency there is queueing: relay p50 / p99 ${ms(notes.saturated.relay.p50Ms)} / ${ms(notes.saturated.relay.p99Ms)}, bare ${ms(notes.saturated.bare.p50Ms)} / ${ms(notes.saturated.bare.p99Ms)}). Latency: ${int(notes.latency.requests)} requests to each over one connection, each sent when the last is answered, so that nothing queues (autocannon's rate option sends each second's quota back to back, so a "fixed rate" measured queueing behind a burst); in alternated halves; percentiles of every response time. CPU per request: user + system time of each process over the throughput rounds. Goal: p99 overhead (relay p99 − bare p99) ≤ 2 ms.`,
    `⁷ The relay process after two full GCs, after warm-up and then after each round: RSS ${notes.rssSamplesMb.map((mb) => mb.toFixed(0)).join(' → ')} MB; retained (JS heap used plus external memory) ${notes.retainedSamplesMb.map((mb) => mb.toFixed(1)).join(' → ')} MB. Flatness is judged on the retained memory: RSS follows the heap V8 keeps reserved, which swings by a fifth from round to round while the retained memory stays put.`,
    `⁸ From the submit event in the page (an AJAX form, real click: the page posts the form with fetch and reads the answer; the companion sends the lead once Resource Timing shows that request) to the first answer of the sandbox's GET /inbox/direct/chats that lists the lead, polled back to back; page and Node clocks aligned per load (within ±${notes.clockErrorMs.toFixed(1)} ms).`,
    `⁹ The relay (rate limits off; node listener and transport) against a light upstream: a node:http process that reads the body and answers success at once, so that the sandbox's work does not hide the relay's on two cores. CPU per request: user + system time of the relay process over ${int(notes.costRequests)} requests of each kind, 4 connections: a normal contact-form lead (${ms(relayCost.normalCpuMs, 3)}), crafted leads near the 16 KB body cap (8,000 zeros in notes; all three lists full of wrong types; all three full of valid entries), and the normal lead to a relay whose address limit lets one through (429). Throughput: ${int(notes.lightRequests)} requests each to the relay, to the bare pass-through and to the stack's floor over ${relayCost.lightConnections} connections, halves in mirrored order; p99 of the saturated response times. The floor is a Hono app on @hono/node-server, as their docs show one, that reads the JSON body and PUTs it with the relay's node transport, checking nothing: what forwarding alone costs on this stack, built as its docs show.`,
  ];
  return [
    `Benchmark of ${results.date} on ${machine.cpu} × ${machine.cores}, ${machine.memoryGb} GB, Node ${machine.node}, Chromium ${machine.chromium} (${Math.round(notes.durationS)} s)`,
    '',
    table(rows),
    '',
    ...footnotes,
  ].join('\n');
};
