import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BENCH_BOT, RELAY_PATH } from './fixture-page';
import { percentile } from './percentile';

export interface RelayBenchOptions {
  /** Measured rounds; each sends `requestsPerRound` to the relay and as many to the bare pass-through. */
  rounds: number;
  requestsPerRound: number;
  /** Requests to each target before the first round (JIT, connection pools), not measured. */
  warmup: number;
  connections: number;
  /** Write a V8 CPU profile of the relay process (`node --cpu-prof`) into this directory. */
  profileDir?: string;
}

/** Throughput and latency of one target over every measured round. */
export interface TargetFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

export interface RelayFigures {
  relay: TargetFigures;
  bare: TargetFigures;
  /** RSS of the relay process (after a full GC): after the warm-up, then after each round. */
  rssMb: number[];
  connections: number;
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
    const onExit = (code: number | null) => reject(new Error(`the ${type} reply never came: the process exited (${code})`));
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

/** The lead a companion posts for a contact form, with a fresh visitor and idempotency key per request. */
const leadRequests = (origin: string) => {
  const lead = {
    ...BENCH_BOT,
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '2079460958',
    dialCode: '+44',
    notes: [{ title: 'Contact · /contact · 2026-11-28T10:00:00.000Z', description: 'Do you deliver on Saturdays?' }],
    attributes: [{ key: 'Company', value: 'Analytical Engines Ltd' }],
  };
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

/** Sends `amount` requests; answers the elapsed ms and records every response time into `latencies`. */
const load = async (url: string, amount: number, connections: number, latencies?: number[]): Promise<number> => {
  const startedAt = performance.now();
  const instance = autocannon({ url, connections, amount, timeout: 30, requests: leadRequests(url) });
  if (latencies) {
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
      latencies.push(responseTime),
    );
  }
  const result = await instance;
  const elapsed = performance.now() - startedAt;
  if (result.errors || result.timeouts || result.non2xx) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return elapsed;
};

const figures = (latencies: number[], elapsedMs: number): TargetFigures => ({
  rps: latencies.length / (elapsedMs / 1000),
  p50Ms: percentile(latencies, 50),
  p99Ms: percentile(latencies, 99),
  requests: latencies.length,
});

/**
 * The relay (full validation, rate limits lifted, node listener) against a bare node:http pass-through that only
 * adds the token header, both delivering to the same sandbox in a third process (no faults, no latency), loaded
 * by autocannon from this process over loopback. Rounds alternate which target goes first, so that a busy spell
 * of a shared machine weighs on both. Every request is a new visitor with a new idempotency key, so nothing is
 * answered from the idempotency store. Any non-2xx answer fails the run.
 *
 * @example
 * const { relay, bare, rssMb } = await measureRelay({ rounds: 5, requestsPerRound: 20_000, warmup: 3_000, connections: 10 });
 */
export const measureRelay = async (options: RelayBenchOptions): Promise<RelayFigures> => {
  const { rounds, requestsPerRound, warmup, connections, profileDir } = options;
  const sandbox = await start(['sandbox']);
  const targets: Target[] = [sandbox];
  try {
    const upstream = [sandbox.url, sandbox.token as string];
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    const relay = await start(['relay', ...upstream], profile);
    targets.push(relay);
    const bare = await start(['bare', ...upstream]);
    targets.push(bare);

    await load(relay.url, warmup, connections);
    await load(bare.url, warmup, connections);
    const rssMb = [(await ask(relay.child, 'memory')).rssMb as number];
    const measured = { relay: { latencies: [] as number[], elapsed: 0 }, bare: { latencies: [] as number[], elapsed: 0 } };
    for (let round = 0; round < rounds; round++) {
      await ask(sandbox.child, 'reset');
      const order = round % 2 === 0 ? (['bare', 'relay'] as const) : (['relay', 'bare'] as const);
      for (const name of order) {
        const target = name === 'relay' ? relay : bare;
        measured[name].elapsed += await load(target.url, requestsPerRound, connections, measured[name].latencies);
      }
      rssMb.push((await ask(relay.child, 'memory')).rssMb as number);
    }
    return {
      relay: figures(measured.relay.latencies, measured.relay.elapsed),
      bare: figures(measured.bare.latencies, measured.bare.elapsed),
      rssMb,
      connections,
    };
  } finally {
    for (const target of targets.reverse()) await stop(target).catch(() => target.child.kill());
  }
};
