import type { UpstreamLead } from '../shared/lead';
import { CHAT_TYPES, type Chat, type ChatType } from '../shared/chat';
import { displayApiUrl } from './redact-token';
import { fetchTransport } from './fetch-transport';
import { FlowmatixError } from './flowmatix-error';
import type { FlowmatixTransport, TransportRequest, TransportResponse } from './flowmatix-transport';
import { parseApiUrl } from './parse-api-url';
import { parseChatList } from './parse-chat-list';
import { readEnvelope, type Envelope } from './read-envelope';
import { sendWithRetries, type RetryPolicy } from './send-with-retries';
import { toFlowmatixError, type CallContext } from './to-flowmatix-error';

/** Where the documented API lives. */
export const DEFAULT_API_URL = 'https://api.v7.flowmatix.ai';
/** The header that carries the token on `PUT /inbox/direct/lead`. */
export const DEFAULT_TOKEN_HEADER = 'x-bp-token';
/** The header that carries the token on `GET /inbox/direct/chats` (the API spells it differently from the PUT). */
export const DEFAULT_LIST_TOKEN_HEADER = 'x-bot-token';

const LEAD_PATH = 'inbox/direct/lead';
const CHATS_PATH = 'inbox/direct/chats';
// A 500 or a 408 may come after the API wrote the lead, and what a repeated PUT does is undocumented (its notes
// may be added twice): the PUT is retried only on a rate limit and on a gateway's or an overload's answer.
const PUT_RETRY_STATUSES = [429, 502, 503, 504];
const LIST_RETRY_STATUSES = [408, 429, 500, 502, 503, 504];
const RETRY_AFTER_STATUSES = [429, 503];
// The PUT's answer is a small envelope: a larger one is not read, so a broken or hostile API cannot fill the
// relay's memory. A page of chats is larger, but bounded too.
const MAX_LEAD_ANSWER_BYTES = 64 * 1024;
const MAX_LIST_ANSWER_BYTES = 16 * 1024 * 1024;
const RETRY_BASE_DELAY_MS = 300;

export interface FlowmatixClientOptions {
  /** The API token. It is sent in a header and never appears in an error message. */
  token: string;
  /** Default `https://api.v7.flowmatix.ai`; a sandbox's URL in development. */
  apiUrl?: string;
  /** The token header of the PUT. Default `x-bp-token`. */
  tokenHeader?: string;
  /** The token header of the list GET. Default `x-bot-token`. */
  listTokenHeader?: string;
  /** Used by `listChats`/`listAllChats` when a query does not name its bot. */
  botId?: string;
  /** Used by `listChats`/`listAllChats` when a query does not name its customer. */
  customerId?: string;
  /** Time allowed for each attempt to get an answer. Default 8000. */
  timeoutMs?: number;
  /**
   * Retries after a network error (no answer at all: refused, reset, DNS), a 429 or a 502/503/504; the list also
   * after a 408 or a 500. Never after a timeout, nor a PUT after a 500 or 408, which may follow a write. Default 2.
   */
  retries?: number;
  /** Longest wait before a retry, whether backoff or the API's `Retry-After`. Default 10000. */
  maxRetryDelayMs?: number;
  /** The fetch to use, e.g. an in-process sandbox's `fetch`: then no socket is opened. */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * How requests are sent, instead of `fetch`: e.g. the relay's `createNodeTransport()` (node:http, kept-alive
   * connections), which costs a Node server a fraction of what Fetch does per call.
   */
  transport?: FlowmatixTransport;
}

export interface ChatQuery {
  type: ChatType;
  botId?: string;
  customerId?: string;
}

export interface CallOptions {
  /** Aborting it stops the call, including a wait between retries. */
  signal?: AbortSignal;
}

export interface UpdateLeadOptions extends CallOptions {
  /**
   * Time allowed for the whole call, retries and the waits between them included: past it the call rejects with
   * a `timeout` FlowmatixError, and a retry whose wait would end past it is not waited for. Costs less than a
   * timeout `signal` (no signal, no listener), which is why the relay uses it on every lead.
   */
  deadlineMs?: number;
}

export interface ListAllOptions extends CallOptions {
  /** Called after each non-empty page is read, before its chats are yielded: for progress indicators. */
  onPage?: (page: number, chats: readonly Chat[]) => void;
}

export interface FlowmatixClient {
  /** Creates or updates the chat of `lead.uuid` (the API upserts). Resolves once the API said `success`. */
  updateLead(lead: UpstreamLead, options?: UpdateLeadOptions): Promise<void>;
  /** One page of chats, from page 1. An empty array means past the last page. */
  listChats(query: ChatQuery & { page: number }, options?: CallOptions): Promise<Chat[]>;
  /** Every chat of a type, page after page until an empty page. */
  listAllChats(query: ChatQuery, options?: ListAllOptions): AsyncGenerator<Chat, void, undefined>;
}

/** Exponential backoff with jitter, so clients that failed together do not retry together. */
const backoff = (attempt: number): number => RETRY_BASE_DELAY_MS * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);

/**
 * A typed client for the two documented Flowmatix endpoints. Every failure rejects with a `FlowmatixError`
 * (bad arguments throw a `TypeError`). It does not validate leads: the relay and the CLI do that before calling it.
 * It never follows a redirect, which would carry the token to another host: a 3xx rejects with `http_error`.
 *
 * @example
 * const client = createFlowmatixClient({ token: process.env.FLOWMATIX_TOKEN!, botId: 'b', customerId: 'c' });
 * await client.updateLead({ uuid, botId: 'b', customerId: 'c', email: 'ada@example.com' });
 * for await (const chat of client.listAllChats({ type: 'lead' })) console.log(chat.uuid);
 */
export const createFlowmatixClient = (options: FlowmatixClientOptions): FlowmatixClient => {
  const { token } = options;
  if (typeof token !== 'string' || token === '') throw new TypeError('A Flowmatix API token is required');
  const apiUrl = parseApiUrl(options.apiUrl ?? DEFAULT_API_URL);
  // Also the URL in messages.
  const base = displayApiUrl(apiUrl);
  const timeoutMs = options.timeoutMs ?? 8000;
  const maxRetryDelayMs = options.maxRetryDelayMs ?? 10_000;
  const transport = options.transport ?? fetchTransport(options.fetch);
  const retries = options.retries ?? 2;

  const policy = (statusCodes: readonly number[]): RetryPolicy => ({
    retries,
    statusCodes,
    afterStatusCodes: RETRY_AFTER_STATUSES,
    maxDelayMs: maxRetryDelayMs,
    delay: backoff,
  });
  const putPolicy = policy(PUT_RETRY_STATUSES);
  const listPolicy = policy(LIST_RETRY_STATUSES);

  /** Sends one request with its retries and reads the answer as the documented envelope. */
  const call = async (
    request: Omit<TransportRequest, 'signal'>,
    retryPolicy: RetryPolicy,
    context: CallContext,
  ): Promise<{ envelope: Envelope; status: number }> => {
    let response: TransportResponse;
    try {
      response = await sendWithRetries(transport, request, retryPolicy, context);
    } catch (error) {
      throw await toFlowmatixError(error, context);
    }
    return { envelope: await readEnvelope(response, context), status: response.status };
  };

  const listChats = async (query: ChatQuery & { page: number }, callOptions: CallOptions = {}): Promise<Chat[]> => {
    const botId = query.botId ?? options.botId;
    const customerId = query.customerId ?? options.customerId;
    if (!botId || !customerId) throw new TypeError('Listing chats needs a botId and a customerId');
    if (!Number.isSafeInteger(query.page) || query.page < 1) {
      throw new TypeError(`A page is a whole number from 1, not ${String(query.page)}`);
    }
    if (!CHAT_TYPES.includes(query.type)) {
      throw new TypeError(`A chat type is "lead" or "non-lead", not "${String(query.type)}"`);
    }
    const search = new URLSearchParams({ botId, customerId, page: String(query.page), type: query.type });
    const url = `${base}/${CHATS_PATH}?${search}`;
    const context: CallContext = { target: `GET ${base}/${CHATS_PATH}`, token, timeoutMs, signal: callOptions.signal };
    const headers = { [options.listTokenHeader ?? DEFAULT_LIST_TOKEN_HEADER]: token };
    const request = { method: 'GET' as const, url, headers, maxBodyBytes: MAX_LIST_ANSWER_BYTES };
    const { envelope, status } = await call(request, listPolicy, context);
    const chats = parseChatList(envelope.data);
    if (!chats) {
      const message = `${context.target} answered without a list of chats in "data"`;
      throw new FlowmatixError('invalid_response', message, { status });
    }
    return chats;
  };

  return {
    async updateLead(lead, callOptions = {}) {
      const { signal, deadlineMs } = callOptions;
      if (deadlineMs !== undefined && !(typeof deadlineMs === 'number' && deadlineMs > 0)) {
        throw new TypeError(`A deadline is a number of milliseconds above 0, not ${String(deadlineMs)}`);
      }
      const context: CallContext = {
        target: `PUT ${base}/${LEAD_PATH}`,
        token,
        timeoutMs,
        signal,
        ...(deadlineMs !== undefined && { deadline: Date.now() + deadlineMs }),
      };
      const headers = { 'content-type': 'application/json', [options.tokenHeader ?? DEFAULT_TOKEN_HEADER]: token };
      const request = {
        method: 'PUT' as const,
        url: `${base}/${LEAD_PATH}`,
        headers,
        body: JSON.stringify(lead),
        maxBodyBytes: MAX_LEAD_ANSWER_BYTES,
      };
      await call(request, putPolicy, context);
    },

    listChats,

    async *listAllChats(query, callOptions = {}) {
      let previous = '';
      for (let page = 1; ; page += 1) {
        const chats = await listChats({ ...query, page }, callOptions);
        if (chats.length === 0) return;
        // An API that ignores `page` would otherwise be read forever.
        const uuids = chats.map((chat) => chat.uuid).join(',');
        if (uuids === previous) {
          const message = `GET ${base}/${CHATS_PATH} answered page ${page} with the chats of page ${page - 1}`;
          throw new FlowmatixError('invalid_response', message, { status: 200 });
        }
        previous = uuids;
        callOptions.onPage?.(page, chats);
        yield* chats;
      }
    },
  };
};
