import { afterAll, describe, expect, it } from 'vitest';
import { createHarness, expectTokenNeverObserved, lead } from './relay-harness';

afterAll(() => {
  expectTokenNeverObserved();
});

const BEHIND_PROXY = 'http://10.0.0.5:8787/api/flowmatix/lead';

describe('host and origin gates', () => {
  it('accepts a lead from a sibling subdomain listed in allowedOrigins, whose browser says same-site', async () => {
    const { send, calls } = createHarness({ allowedOrigins: 'https://www.shop.example' });
    const answer = await send(lead(), {
      headers: { origin: 'https://www.shop.example', 'sec-fetch-site': 'same-site' },
    });
    expect(answer.status).toBe(200);
    expect(calls).toHaveLength(1);
    const unlisted = await send(lead(), {
      headers: { origin: 'https://blog.shop.example', 'sec-fetch-site': 'same-site' },
    });
    expect([unlisted.status, unlisted.json.code]).toEqual([403, 'forbidden_origin']);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['an underscore', 'shop_1.example', /X-Forwarded-Host "shop_1\.example" holds an underscore/],
    ['a bad port', 'shop.example:99999', /X-Forwarded-Host "shop\.example:99999" has a port/],
    ['a path', 'shop.example/lead', /X-Forwarded-Host "shop\.example\/lead" holds a path/],
    ['non-ASCII', 'sh\u00f6p.example', /X-Forwarded-Host "sh\\u00f6p\.example" holds characters that are not ASCII/],
    ['two values in one', 'shop.example evil.example', /holds spaces: one host name is expected/],
  ])(
    'refuses a trusted proxy’s X-Forwarded-Host with %s with 403, even when Host would pass',
    async (_what, host, problem) => {
      const { send, calls, logs } = createHarness({ trustProxy: 1 });
      // The Origin matches the Host the relay sees itself: a fallback to it would let the lead through.
      const answer = await send(lead(), {
        url: BEHIND_PROXY,
        headers: { origin: 'http://10.0.0.5:8787', 'x-forwarded-host': host },
      });
      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({
        ok: false,
        code: 'forbidden_origin',
        message: expect.stringMatching(problem),
      });
      expect(answer.json.message).toContain('does not fall back to Host');
      expect(logs.map((entry) => [entry.outcome, entry.message])).toEqual([
        ['forbidden_origin', expect.stringMatching(problem)],
      ]);
      expect(calls).toHaveLength(0);
    },
  );

  it('says in a refusal which Origin and host it saw and what to set, in the answer and the log line', async () => {
    const { send, logs, request, fetch } = createHarness();
    const answer = await send(lead(), {
      url: 'http://shop.example/api/flowmatix/lead',
      headers: { origin: 'https://shop.example', cookie: 'session=hush' },
    });
    expect(answer.status).toBe(403);
    expect(answer.json.message).toBe(
      'Leads are accepted only from pages of this site: the relay saw Origin "https://shop.example" on a request for ' +
        'host shop.example, whose origin it takes to be http://shop.example. Serve the page from that origin, or add ' +
        "the page's origin to FLOWMATIX_ALLOWED_ORIGINS (allowedOrigins); behind a proxy, set FLOWMATIX_TRUST_PROXY " +
        'and have it send X-Forwarded-Host and X-Forwarded-Proto.',
    );
    expect(logs[0]?.message).toBe(
      'Origin is not allowed (Origin: "https://shop.example", relay origin: http://shop.example)',
    );
    const bare = request(lead());
    bare.headers.delete('origin');
    const none = await fetch(bare);
    expect(none.json.message).toContain('the relay saw Origin none on a request for host shop.example');
  });

  it('answers a CORS preflight with 405 method_not_allowed that says why a cross-origin page cannot post, and how to fix it', async () => {
    const { fetch, logs, calls } = createHarness({ allowedOrigins: 'https://www.shop.example' });
    const answer = await fetch(
      new Request(BEHIND_PROXY.replace('http://10.0.0.5:8787', 'https://shop.example'), {
        method: 'OPTIONS',
        headers: {
          origin: 'https://www.shop.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, idempotency-key',
        },
      }),
    );
    expect(answer.status).toBe(405);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('allow')).toBe('POST');
    expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(answer.json).toMatchObject({ ok: false, code: 'method_not_allowed', requestId: expect.any(String) });
    const message = String(answer.json.message);
    expect(message).toContain('CORS preflight refused (Origin: "https://www.shop.example")');
    expect(message).toContain('sends no CORS headers, so a page on another origin cannot post JSON to it at all');
    expect(message).toContain('Serve the page and the relay on one origin');
    expect(message).toContain('FLOWMATIX_ALLOWED_ORIGINS');
    expect(logs.map((entry) => [entry.status, entry.outcome, entry.message])).toEqual([
      [405, 'method_not_allowed', 'CORS preflight from Origin "https://www.shop.example"'],
    ]);
    expect(calls).toHaveLength(0);
    // A plain OPTIONS (no preflight) keeps the short answer.
    const plain = await fetch(new Request('https://shop.example/api/flowmatix/lead', { method: 'OPTIONS' }));
    expect(plain.json.message).toBe('Only POST is accepted here.');
  });
});
