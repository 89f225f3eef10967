// The JSON API's CSRF check. A plain HTML form on another site (or on another port of this host, which the
// browser counts as the same site, so the SameSite=Lax session cookie goes with it) can post multipart to
// /api/*; the API takes no token, so it refuses a state-changing request the browser says came from
// elsewhere (OWASP, "Verifying origin with standard headers"). A request with neither header (curl, a
// script) carries no browser's cookie unless its author put it there, and passes.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpRefusal } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `scheme://host[:port]` as a URL writes it (a default port left out), or null for what is no such origin (`null`). */
function originOf(text: string): string | null {
  try {
    const { origin } = new URL(text);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** Whether the browser says the request came from a page of another origin than this server as it was reached. */
function crossOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  // Protocol and host as the server already takes them: from a proxy's X-Forwarded-* only under --trust-proxy.
  const from = originOf(origin);
  return from === null || from !== originOf(`${request.protocol}://${request.host}`);
}

export function refuseCrossOrigin(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    // By the route it reached, not the address as sent: `/%61pi/…` reaches the API too.
    if (SAFE_METHODS.has(request.method) || !request.routeOptions.url?.startsWith('/api/')) return;
    if (crossOrigin(request))
      throw new HttpRefusal(403, 'request.csrf', '请求不是从本站的页面发出的，未处理。请打开本站页面，在页面上操作');
  });
}
