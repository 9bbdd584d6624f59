/**
 * A relay answer: JSON, never cached, never sniffed, tagged with the request id in body and header. It carries no
 * CORS header on purpose: only pages of the relay's own origin may read it.
 *
 * @example
 * jsonResponse(200, { ok: true, requestId }, requestId);
 */
export const jsonResponse = (
  status: number,
  body: { requestId: string } & Record<string, unknown>,
  headers: Record<string, string> = {},
): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'X-Request-Id': body.requestId,
    },
  });
