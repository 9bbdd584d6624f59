import { headerView } from './header-view';
import { quoteHeaderValue } from './quote-header-value';

/**
 * For a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`), why the relay refuses it: a `reason` for
 * the log and a `message` for the answer, which names the fix. The relay never sends CORS headers, so a page on
 * another origin can never post JSON to it; the answer says so rather than leave the browser's CORS error to speak
 * for it. Undefined for any other request.
 *
 * @example
 * preflightRefusal(new Request(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } }));
 * // { reason: 'CORS preflight from Origin "https://www.example.com"', message: 'CORS preflight refused: …' }
 */
export const preflightRefusal = (request: Request): { reason: string; message: string } | undefined => {
  const headers = headerView(request);
  if (request.method !== 'OPTIONS' || !headers.has('access-control-request-method')) return undefined;
  const origin = headers.get('origin');
  const seen = origin === null ? 'none' : quoteHeaderValue(origin);
  return {
    reason: `CORS preflight from Origin ${seen}`,
    message:
      `CORS preflight refused (Origin: ${seen}): this relay sends no CORS headers, so a page on another origin ` +
      'cannot post JSON to it at all. Serve the page and the relay on one origin: mount the relay in the site, or ' +
      'have the site proxy this path to it. FLOWMATIX_ALLOWED_ORIGINS does not change this: it admits another ' +
      "origin's posts only where something in front of the relay answers CORS for them.",
  };
};
