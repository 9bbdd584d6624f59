import { expect } from 'vitest';
import { createRelay } from '../../../src/relay/core/create-relay';
import type { RelayLogEntry } from '../../../src/relay/core/relay-log-entry';
import type { RelayOptions } from '../../../src/relay/core/relay-options';

/** A token shaped like a real one. Every test file that uses the harness checks it never leaks. */
export const TOKEN = 'fmx_live_7Qm2vX9cK4pL8sT1wZ6yB3nR5dH0jF2a';
export const UUID = '7e88d192-9b20-4035-9b68-d4ac3d58a34f';
export const OTHER_UUID = '0b9d5a3e-1c2f-4e6a-8b7d-9f0e1d2c3b4a';
export const BOT = { botId: '6650f0c2a1b2c3d4e5f60718', customerId: '6650f0c2a1b2c3d4e5f60001' };
export const ORIGIN = 'https://shop.example';
export const RELAY_URL = `${ORIGIN}/api/flowmatix/lead`;

export const lead = (fields: Record<string, unknown> = {}) => ({ uuid: UUID, ...BOT, ...fields });

/** Every text the relay produced in this file: response bodies, headers and log entries. */
const observed: string[] = [];

export const observe = (text: string): void => {
  observed.push(text);
};

/** Fails if the token, or a recognizable part of it, appears in anything observed. */
export const expectTokenNeverObserved = (): void => {
  expect(observed.length).toBeGreaterThan(0);
  const fragments = [TOKEN, TOKEN.slice(9), encodeURIComponent(TOKEN), btoa(TOKEN)];
  const leaks = observed.filter((text) => fragments.some((fragment) => text.includes(fragment)));
  expect(leaks).toEqual([]);
};

export interface UpstreamCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export const ok = () =>
  new Response(JSON.stringify({ success: true, message: 'ok', code: 200 }), {
    headers: { 'Content-Type': 'application/json' },
  });

export interface HarnessOptions extends Partial<RelayOptions> {
  /** The upstream's answer to each call (1-based count); default a documented success. */
  respond?: (request: Request, call: number) => Response | Promise<Response>;
}

export interface RelayAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

export interface SendInit {
  headers?: Record<string, string>;
  method?: string;
  env?: unknown;
  url?: string;
}

/** A relay with a recording fake upstream and a recording logger. */
export const createHarness = (options: HarnessOptions = {}) => {
  const { respond = () => ok(), ...relayOptions } = options;
  const calls: UpstreamCall[] = [];
  const logs: RelayLogEntry[] = [];
  const relay = createRelay({
    token: TOKEN,
    bots: [BOT],
    upstreamRetries: 0,
    fetch: async (request) => {
      const text = await request.text();
      calls.push({
        url: request.url,
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body: JSON.parse(text) as Record<string, unknown>,
      });
      return respond(request, calls.length);
    },
    logger: (entry) => {
      logs.push(entry);
      observe(JSON.stringify(entry));
    },
    ...relayOptions,
  });

  const answer = async (response: Response): Promise<RelayAnswer> => {
    const text = await response.text();
    observe(text);
    observe(JSON.stringify([...response.headers]));
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { text };
    }
    return { status: response.status, headers: response.headers, json };
  };

  const request = (body: unknown, init: SendInit = {}): Request =>
    new Request(init.url ?? RELAY_URL, {
      method: init.method ?? 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', ...init.headers },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  return {
    relay,
    calls,
    logs,
    request,
    answer,
    /** Sends `body` (JSON-encoded unless a string) from a same-origin page, unless `init` says otherwise. */
    send: async (body: unknown, init: SendInit = {}): Promise<RelayAnswer> =>
      answer(await relay.fetch(request(body, init), init.env)),
    fetch: async (input: Request, env?: unknown): Promise<RelayAnswer> => answer(await relay.fetch(input, env)),
  };
};
