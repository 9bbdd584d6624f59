import { headerView } from './header-view';
import { sha256Hex } from './sha256-hex';

/** The public path of the companion script, beside the relay. */
export const COMPANION_PATH = '/flowmatix-leads.js';

let lastScript: string | undefined;
let lastEtag = '';

const etagOf = async (script: string): Promise<string> => {
  if (script !== lastScript) {
    lastEtag = `"${sha256Hex(script).slice(0, 32)}"`;
    lastScript = script;
  }
  return lastEtag;
};

const matches = (ifNoneMatch: string | null, etag: string): boolean =>
  ifNoneMatch !== null &&
  ifNoneMatch.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    return value === etag || value === '*';
  });

/**
 * Answers a GET or HEAD for the companion script: JavaScript, cacheable, with a content ETag so that a browser
 * revalidates cheaply (304) once its copy is stale. `script` undefined means the companion is not built: 404 with
 * the command that builds it. Serving it first-party means one less third-party origin in the site's CSP.
 *
 * @example
 * app.get(COMPANION_PATH, (c) => serveCompanion(c.req.raw, readFileSync('dist/flowmatix-leads.js', 'utf8'), 'public, max-age=604800'));
 */
export const serveCompanion = async (
  request: Request,
  script: string | undefined,
  cacheControl: string,
): Promise<Response> => {
  if (script === undefined) {
    return new Response('The companion script is not built: run `npm run build` to create dist/flowmatix-leads.js.\n', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
  const etag = await etagOf(script);
  const headers = {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
  };
  if (matches(headerView(request).get('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : script, { status: 200, headers });
};
