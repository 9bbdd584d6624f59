import { describe, expect, it } from 'vitest';
import { withArrivedBody } from '../../../src/relay/core/arrived-body';
import { readBody } from '../../../src/relay/core/read-body';

const limits = { maxBytes: 100, timeoutMs: 200 };
const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request('http://relay.test/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

const streamOf = (chunks: Uint8Array[], { hang = false } = {}) => {
  let pulled = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const chunk = chunks[pulled++];
        if (chunk) controller.enqueue(chunk);
        else if (!hang) controller.close();
        else return new Promise<void>(() => undefined);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled, cancelled: () => cancelled };
};

describe('readBody', () => {
  it('reads a UTF-8 body', async () => {
    expect(await readBody(post('{"name":"Zoë"}'), limits)).toEqual({ ok: true, text: '{"name":"Zoë"}' });
  });

  it('refuses a declared Content-Length above the cap before reading a byte', async () => {
    const source = streamOf([new Uint8Array(10)]);
    const result = await readBody(post(source.stream, { 'content-length': '101' }), limits);
    expect(result).toMatchObject({ ok: false, code: 'too_large' });
    expect(source.pulled()).toBe(0);
  });

  it('stops a body that streams past the cap without a length, and cancels it', async () => {
    const source = streamOf(Array.from({ length: 1000 }, () => new Uint8Array(60)));
    const result = await readBody(post(source.stream), limits);
    expect(result).toMatchObject({ ok: false, code: 'too_large' });
    expect(source.pulled()).toBeLessThan(5);
    expect(source.cancelled()).toBe(true);
  });

  it('stops a body that lies about its length', async () => {
    const source = streamOf([new Uint8Array(80), new Uint8Array(80)]);
    expect(await readBody(post(source.stream, { 'content-length': '10' }), limits)).toMatchObject({
      code: 'too_large',
    });
  });

  it('accepts a body of exactly the cap', async () => {
    expect(await readBody(post('x'.repeat(100)), limits)).toMatchObject({ ok: true });
  });

  it('gives up on a body that trickles past the deadline', async () => {
    const source = streamOf([new TextEncoder().encode('{"a"')], { hang: true });
    const started = Date.now();
    const result = await readBody(post(source.stream), limits);
    expect(result).toMatchObject({ ok: false, code: 'body_timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses Content-Length together with Transfer-Encoding as a bad request', async () => {
    const result = await readBody(post('{}', { 'content-length': '2', 'transfer-encoding': 'chunked' }), limits);
    expect(result).toMatchObject({
      ok: false,
      code: 'bad_request',
      message: expect.stringMatching(/Transfer-Encoding/),
    });
  });

  it.each(['abc', '-1', '1e3', '10, 10', ''])(
    'refuses a malformed Content-Length %j as a bad request',
    async (length) => {
      expect(await readBody(post('{}', { 'content-length': length }), limits)).toMatchObject({ code: 'bad_request' });
    },
  );

  it('refuses an empty body and a missing one', async () => {
    expect(await readBody(post(''), limits)).toMatchObject({
      code: 'invalid_json',
      message: expect.stringMatching(/empty/),
    });
    expect(await readBody(post(null), limits)).toMatchObject({ code: 'invalid_json' });
  });

  it('refuses bytes that are not UTF-8 as invalid JSON: JSON text is UTF-8', async () => {
    expect(await readBody(post(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), limits)).toMatchObject({
      code: 'invalid_json',
    });
  });

  it('reports a body that breaks off mid-stream as a bad request', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('socket hang up'));
      },
    });
    expect(await readBody(post(stream), limits)).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/broke/),
    });
  });

  describe('a body an adapter attached whole', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    // No stream at all: the attached bytes are the body, and nothing else is read.
    const arrived = (bytes: Uint8Array, headers: Record<string, string> = {}) =>
      withArrivedBody(post(null, headers), bytes);

    it('is read as it is, without a stream', async () => {
      expect(await readBody(arrived(encode('{"name":"Zoë"}')), limits)).toEqual({ ok: true, text: '{"name":"Zoë"}' });
    });

    it('is refused above the cap, and accepted at exactly the cap', async () => {
      expect(await readBody(arrived(new Uint8Array(101)), limits)).toMatchObject({ ok: false, code: 'too_large' });
      expect(await readBody(arrived(encode('x'.repeat(100))), limits)).toEqual({ ok: true, text: 'x'.repeat(100) });
    });

    it('is refused when empty or not UTF-8', async () => {
      expect(await readBody(arrived(new Uint8Array(0)), limits)).toMatchObject({
        code: 'invalid_json',
        message: expect.stringMatching(/empty/),
      });
      expect(await readBody(arrived(new Uint8Array([0x7b, 0xff, 0x7d])), limits)).toMatchObject({
        code: 'invalid_json',
      });
    });

    it('still has its headers checked first', async () => {
      const framed = arrived(encode('{}'), { 'content-length': '2', 'transfer-encoding': 'chunked' });
      expect(await readBody(framed, limits)).toMatchObject({ code: 'bad_request' });
      expect(await readBody(arrived(encode('{}'), { 'content-length': '101' }), limits)).toMatchObject({
        code: 'too_large',
      });
    });
  });
});
