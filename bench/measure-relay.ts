import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BENCH_BOT, RELAY_PATH } from './fixture-page';
import { percentile } from './percentile';

export interface RelayBenchOptions {
  /** Throughput rounds; each sends `relayRequestsPerRound` to the relay and `bareRequestsPerRound` to the bare one. */
  rounds: number;
  relayRequestsPerRound: number;
  bareRequestsPerRound: number;
  /** Requests to each target before the first round (JIT, connection pools), not measured. */
  warmup: number;
  /** Connections of the throughput rounds, each sending its next request as soon as the last was answered. */
  connections: number;
  /**
   * The latency phase: `requests` to each target over one connection, each sent when the last is answered, so that
   * nothing queues. (autocannon's rate option does not space requests: each connection sends its quota for the
   * second back to back, then waits for the next second, so a "fixed rate" measured queueing behind a burst.)
   */
  latency: { requests: number };
  /** Write a V8 CPU profile of the relay process (`node --cpu-prof`) into this directory. */
  profileDir?: string;
}

/** What one target did: saturated throughput, and latency one request at a time. */
export interface TargetFigures {
  rps: number;
  /** Requests of the throughput rounds. */
  requests: number;
  /** Latency percentiles under saturation: mostly queueing (connections / rps). */
  saturatedP50Ms: number;
  saturatedP99Ms: number;
  /** Latency percentiles one request at a time: the time a request takes when nothing queues. */
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the target's process per request (user + system): its cost, whatever else the machine runs. */
  cpuMsPerRequest: number;
  /** CPU time of the sandbox per request while this target was loaded. */
  sandboxCpuMsPerRequest: number;
}

export interface RelayFigures {
  relay: TargetFigures;
  bare: TargetFigures;
  /** RSS of the relay process (after a full GC): after the warm-up, then after each round. */
  rssMb: number[];
  /** What the relay process retains (JS heap used plus external memory, after full GCs), at the same moments. */
  retainedMb: number[];
  connections: number;
  /** The latency phase as run: requests to each target, one at a time. */
  latency: { requests: number };
}

interface Target {
  child: ChildProcess;
  url: string;
  token?: string;
}

interface Message {
  type: string;
  url?: string;
  token?: string;
  rssMb?: number;
  retainedMb?: number;
  cpuMs?: number;
}

const LOAD_TARGET = join(import.meta.dirname, 'load-target.ts');

const reply = (child: ChildProcess, type: string): Promise<Message> =>
  new Promise((resolve, reject) => {
    const onMessage = (message: Message) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) =>
      reject(new Error(`the ${type} reply never came: the process exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });

const ask = (child: ChildProcess, type: string): Promise<Message> => {
  const answer = reply(child, type);
  child.send({ type });
  return answer;
};

const start = async (args: string[], execArgv: string[] = []): Promise<Target> => {
  const child = fork(LOAD_TARGET, args, {
    execArgv: ['--import', 'tsx', '--expose-gc', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await reply(child, 'ready');
  return { child, url: ready.url as string, token: ready.token };
};

const stop = async ({ child }: Target): Promise<void> => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.send({ type: 'stop' });
  await exited;
};

/** The fields a companion posts for a contact form. */
const CONTACT_FORM: Record<string, unknown> = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '2079460958',
  dialCode: '+44',
  notes: [{ title: 'Contact · /contact · 2026-11-28T10:00:00.000Z', description: 'Do you deliver on Saturdays?' }],
  attributes: [{ key: 'Company', value: 'Analytical Engines Ltd' }],
};

/** The lead `fields` make, with a fresh visitor and idempotency key per request. */
const leadRequests = (origin: string, fields: Record<string, unknown> = CONTACT_FORM) => {
  const lead = { ...BENCH_BOT, ...fields };
  return [
    {
      method: 'POST',
      path: RELAY_PATH,
      headers: { 'content-type': 'application/json', origin, 'sec-fetch-site': 'same-origin' },
      setupRequest: (request: { headers?: Record<string, string> }) => ({
        ...request,
        headers: { ...request.headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ uuid: randomUUID(), ...lead }),
      }),
    },
  ];
};

/**
 * Sends `amount` requests over `connections`, each sending its next when the last is answered; answers the ms from
 * the start to the last response and records every response time into `latencies`. (autocannon notices that `amount`
 * is reached on its next one-second tick: its own duration would count up to a second of idling.)
 */
const load = async (
  url: string,
  {
    amount,
    connections,
    fields,
    status,
  }: { amount: number; connections: number; fields?: Record<string, unknown>; status?: number },
  latencies?: number[],
): Promise<number> => {
  const startedAt = performance.now();
  let lastResponseAt = startedAt;
  let unexpected = 0;
  const instance = autocannon({
    url,
    connections,
    amount,
    timeout: 30,
    requests: leadRequests(url, fields),
  });
  instance.on('response', (_client: unknown, answered: number, _bytes: number, responseTime: number) => {
    lastResponseAt = performance.now();
    latencies?.push(responseTime);
    if (status !== undefined && answered !== status) unexpected += 1;
  });
  const result = await instance;
  // `status`: every answer but the first few must have it (a limited relay lets an address's first lead through).
  if (status !== undefined) {
    if (result.errors || result.timeouts || unexpected > connections) {
      throw new Error(
        `${url}: ${unexpected} answers other than ${status}, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
    }
    return lastResponseAt - startedAt;
  }
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return lastResponseAt - startedAt;
};

interface Measured {
  latencies: number[];
  elapsedMs: number;
  cpuMs: number;
  sandboxCpuMs: number;
  /** Latencies of the one-at-a-time phase. */
  alone: number[];
}

const cpuMsOf = async (target: Target): Promise<number> => (await ask(target.child, 'memory')).cpuMs as number;

const figures = ({ latencies, elapsedMs, cpuMs, sandboxCpuMs, alone }: Measured): TargetFigures => ({
  rps: latencies.length / (elapsedMs / 1000),
  requests: latencies.length,
  saturatedP50Ms: percentile(latencies, 50),
  saturatedP99Ms: percentile(latencies, 99),
  p50Ms: percentile(alone, 50),
  p99Ms: percentile(alone, 99),
  cpuMsPerRequest: cpuMs / latencies.length,
  sandboxCpuMsPerRequest: sandboxCpuMs / latencies.length,
});

/**
 * The relay (full validation, rate limits lifted, node listener) against a bare node:http pass-through that only
 * adds the token header, both delivering to the same sandbox in a third process (no faults, no latency), loaded
 * by autocannon from this process over loopback. Throughput: rounds with every connection sending its next request
 * as soon as the last is answered, alternating which target goes first so that a busy spell of a shared machine
 * weighs on both. Latency: one connection, each request sent when the last is answered, so that the percentiles
 * are the time a request takes, not the time it queues (under saturation, latency only restates throughput). Every
 * request is a new visitor with a new idempotency key, so nothing is answered from the idempotency store. Any
 * non-2xx answer fails the run.
 *
 * @example
 * const { relay, bare, rssMb } = await measureRelay({
 *   rounds: 5, relayRequestsPerRound: 20_000, bareRequestsPerRound: 10_000, warmup: 3_000, connections: 10,
 *   latency: { requests: 3_000 },
 * });
 */
export const measureRelay = async (options: RelayBenchOptions): Promise<RelayFigures> => {
  const { rounds, warmup, connections, latency, profileDir } = options;
  const sandbox = await start(['sandbox']);
  const targets: Target[] = [sandbox];
  try {
    const upstream = [sandbox.url, sandbox.token as string];
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const relay = await start(['relay', ...upstream], profile);
    targets.push(relay);
    const bare = await start(['bare', ...upstream]);
    targets.push(bare);
    const byName = { relay, bare };
    const perRound = { relay: options.relayRequestsPerRound, bare: options.bareRequestsPerRound };

    await load(relay.url, { amount: warmup, connections });
    await load(bare.url, { amount: warmup, connections });
    const warm = await ask(relay.child, 'memory');
    const rssMb = [warm.rssMb as number];
    const retainedMb = [warm.retainedMb as number];
    const measured: Record<'relay' | 'bare', Measured> = {
      relay: { latencies: [], elapsedMs: 0, cpuMs: 0, sandboxCpuMs: 0, alone: [] },
      bare: { latencies: [], elapsedMs: 0, cpuMs: 0, sandboxCpuMs: 0, alone: [] },
    };
    for (let round = 0; round < rounds; round++) {
      await ask(sandbox.child, 'reset');
      const order = round % 2 === 0 ? (['bare', 'relay'] as const) : (['relay', 'bare'] as const);
      for (const name of order) {
        const target = byName[name];
        const [before, sandboxBefore] = [await cpuMsOf(target), await cpuMsOf(sandbox)];
        const amount = perRound[name];
        measured[name].elapsedMs += await load(target.url, { amount, connections }, measured[name].latencies);
        measured[name].sandboxCpuMs += (await cpuMsOf(sandbox)) - sandboxBefore;
        const after = await ask(target.child, 'memory');
        measured[name].cpuMs += (after.cpuMs as number) - before;
        if (name === 'relay') {
          rssMb.push(after.rssMb as number);
          retainedMb.push(after.retainedMb as number);
        }
      }
    }
    // In two halves, alternated, for the same reason as the rounds.
    const half = { amount: Math.ceil(latency.requests / 2), connections: 1 };
    for (const name of ['relay', 'bare', 'bare', 'relay'] as const) {
      await load(byName[name].url, half, measured[name].alone);
    }
    return {
      relay: figures(measured.relay),
      bare: figures(measured.bare),
      rssMb,
      retainedMb,
      connections,
      latency: { requests: half.amount * 2 },
    };
  } finally {
    for (const target of targets.reverse()) await stop(target).catch(() => target.child.kill());
  }
};

/**
 * The crafted lead of an independent probe: a 16 KB body of zeros in `notes`, each an invalid note. The worst
 * input found for the relay's CPU: every element once failed the schema, and every one was named in the answer.
 */
const CRAFTED_LEAD: Record<string, unknown> = { notes: Array.from({ length: 8_000 }, () => 0) };
/** Other large inputs, each near the 16 KB body cap: all three lists full of wrong types, and of valid entries. */
const HEAVY_LEADS: Record<string, Record<string, unknown>> = {
  zeros: CRAFTED_LEAD,
  mixed: { notes: Array(2_000).fill(0), tags: Array(2_000).fill(0), attributes: Array(1_200).fill({}) },
  valid: {
    notes: Array.from({ length: 150 }, (_, index) => ({ title: `Question ${index}`, description: 'Yes' })),
    attributes: Array.from({ length: 150 }, (_, index) => ({ key: `Field ${index}`, value: 'Value' })),
    tags: Array.from({ length: 150 }, (_, index) => `tag-${index}`),
  },
};

export interface RelayCostOptions {
  /** Requests of each kind whose CPU is measured (normal, each crafted kind, refused). */
  costRequests: number;
  /** Requests to the relay and to the bare pass-through in the light-upstream throughput phase. */
  lightRequests: number;
  /** Connections of that phase. */
  lightConnections: number;
  warmup: number;
}

export interface RelayCostFigures {
  /** Relay CPU per request: a normal lead, each crafted kind, and a lead refused with 429. */
  cpuMsPerRequest: { normal: number; refused: number } & Record<string, number>;
  /** The costliest crafted kind and its CPU over a normal lead's. */
  worstCase: { kind: string; ratio: number };
  /** CPU of a 429 over a normal lead's. */
  refusedRatio: number;
  /**
   * Throughput and saturated latency against a light upstream: the relay, the bare pass-through, and the stack's
   * floor (a Hono app that forwards the JSON body unchecked).
   */
  light: {
    rps: number;
    bareRps: number;
    ratio: number;
    p99Ms: number;
    bareP99Ms: number;
    floorRps: number;
    floorRatio: number;
    floorP99Ms: number;
    connections: number;
  };
}

/**
 * What the relay itself costs, against a light upstream (a node:http server that answers success at once, in a
 * process of its own) rather than the sandbox, whose work would hide the relay's on a machine of two cores. CPU per
 * request of the relay process (user + system) for a normal lead, for crafted leads near the body cap (the worst
 * is reported as a ratio to a normal lead), and for a lead a rate limit refuses (a relay whose address limit lets
 * one lead through). Then throughput: the relay, the bare pass-through and the stack's floor (a Hono app on
 * @hono/node-server that PUTs the JSON body it reads with the same node transport, checking nothing), all to the
 * light upstream, over `lightConnections`, in two halves each, in mirrored order; p99 of the saturated response
 * times.
 *
 * @example
 * const costs = await measureRelayCosts({ costRequests: 3_000, lightRequests: 20_000, lightConnections: 32, warmup: 2_000 });
 */
export const measureRelayCosts = async (options: RelayCostOptions): Promise<RelayCostFigures> => {
  const { costRequests, lightRequests, lightConnections, warmup } = options;
  const upstream = await start(['light']);
  const targets: Target[] = [upstream];
  try {
    const args = [upstream.url, 'bench-token'];
    const relay = await start(['relay', ...args]);
    targets.push(relay);
    const limited = await start(['relay', ...args, 'limited']);
    targets.push(limited);
    const bare = await start(['bare', ...args]);
    targets.push(bare);
    const floor = await start(['floor', ...args]);
    targets.push(floor);

    const cpuPerRequest = async (target: Target, fields: Record<string, unknown>, status?: number): Promise<number> => {
      await load(target.url, { amount: Math.min(warmup, costRequests), connections: 4, fields, status });
      const before = await cpuMsOf(target);
      await load(target.url, { amount: costRequests, connections: 4, fields, status });
      return ((await cpuMsOf(target)) - before) / costRequests;
    };
    // Normal leads before and after the crafted ones, so that a busy spell weighs on both sides.
    const normalBefore = await cpuPerRequest(relay, CONTACT_FORM);
    const heavy: Record<string, number> = {};
    for (const [kind, fields] of Object.entries(HEAVY_LEADS)) heavy[kind] = await cpuPerRequest(relay, fields);
    const normal = (normalBefore + (await cpuPerRequest(relay, CONTACT_FORM))) / 2;
    const refused = await cpuPerRequest(limited, CONTACT_FORM, 429);
    const [kind, worst] = Object.entries(heavy).reduce((most, entry) => (entry[1] > most[1] ? entry : most));

    const throughputTargets = { relay, bare, floor };
    for (const target of Object.values(throughputTargets))
      await load(target.url, { amount: warmup, connections: lightConnections });
    const measured = {
      relay: { latencies: [] as number[], ms: 0 },
      bare: { latencies: [] as number[], ms: 0 },
      floor: { latencies: [] as number[], ms: 0 },
    };
    const half = { amount: Math.ceil(lightRequests / 2), connections: lightConnections };
    for (const name of ['bare', 'relay', 'floor', 'floor', 'relay', 'bare'] as const) {
      measured[name].ms += await load(throughputTargets[name].url, half, measured[name].latencies);
    }
    const rps = (name: keyof typeof measured) => measured[name].latencies.length / (measured[name].ms / 1000);
    return {
      cpuMsPerRequest: { normal, refused, ...heavy },
      worstCase: { kind, ratio: worst / normal },
      refusedRatio: refused / normal,
      light: {
        rps: rps('relay'),
        bareRps: rps('bare'),
        ratio: rps('relay') / rps('bare'),
        p99Ms: percentile(measured.relay.latencies, 99),
        bareP99Ms: percentile(measured.bare.latencies, 99),
        floorRps: rps('floor'),
        floorRatio: rps('floor') / rps('bare'),
        floorP99Ms: percentile(measured.floor.latencies, 99),
        connections: lightConnections,
      },
    };
  } finally {
    for (const target of targets.reverse()) await stop(target).catch(() => target.child.kill());
  }
};
