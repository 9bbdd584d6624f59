import { describe, expect, it } from 'vitest';
import { beaconLead, postLead } from '../../src/browser/transport';
import { fakeRelay } from './delivery-fakes';

const URL = '/api/flowmatix/lead';

describe('postLead', () => {
  it('posts JSON with the idempotency key, same-origin credentials and keepalive', async () => {
    const relay = fakeRelay({ status: 200, body: { ok: true, requestId: 'r-1' } });
    const answer = await postLead(relay.fetch, URL, '{"email":"a@b.co"}', 'k-1');
    expect(answer).toEqual({ status: 200, body: { ok: true, requestId: 'r-1' }, retryAfter: null });
    const [request] = relay.requests;
    expect(request).toMatchObject({ url: URL, key: 'k-1', body: { email: 'a@b.co' } });
    expect(request!.init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'same-origin' });
    expect(request!.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('reports Retry-After', async () => {
    const relay = fakeRelay({
      status: 429,
      body: { ok: false, code: 'rate_limited' },
      headers: { 'Retry-After': '7' },
    });
    expect(await postLead(relay.fetch, URL, '{}', 'k')).toMatchObject({ status: 429, retryAfter: '7' });
  });

  it('answers status 0 on a network error instead of throwing', async () => {
    const relay = fakeRelay('network');
    expect(await postLead(relay.fetch, URL, '{}', 'k')).toEqual({ status: 0, body: {} });
  });

  it('answers an empty body when the response is not JSON', async () => {
    const fetchHtml = (async () => new Response('<h1>Bad gateway</h1>', { status: 502 })) as typeof fetch;
    expect(await postLead(fetchHtml, URL, '{}', 'k')).toEqual({ status: 502, body: {}, retryAfter: null });
  });

  it('uses keepalive only below 60 KiB', async () => {
    const relay = fakeRelay();
    await postLead(relay.fetch, URL, JSON.stringify({ note: 'x'.repeat(60 * 1024) }), 'big');
    await postLead(relay.fetch, URL, JSON.stringify({ note: 'x'.repeat(59 * 1024) }), 'small');
    expect(relay.requests.map((request) => request.init.keepalive)).toEqual([false, true]);
  });
});

describe('beaconLead', () => {
  it('sends the JSON as a text/plain blob', async () => {
    const sent: [string, Blob][] = [];
    expect(beaconLead((url, data) => sent.push([url, data as Blob]) > 0, URL, '{"idempotencyKey":"k"}')).toBe(true);
    expect(sent[0]![0]).toBe(URL);
    expect(sent[0]![1].type).toBe('text/plain');
    expect(await sent[0]![1].text()).toBe('{"idempotencyKey":"k"}');
  });

  it('answers false when the browser refuses or has no sendBeacon', () => {
    expect(beaconLead(() => false, URL, '{}')).toBe(false);
    expect(
      beaconLead(
        () => {
          throw new TypeError('sendBeacon is not a function');
        },
        URL,
        '{}',
      ),
    ).toBe(false);
  });
});
