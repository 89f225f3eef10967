// The headers every answer carries: what a browser may load into the pages, and that nothing is cached.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Helmet's headers, with a Content-Security-Policy for pages drawn on the server that load their style
 * sheet and script from the server itself and run no inline script or style (a page that needs one inline
 * gives it a nonce: `enableCSPNonces`, `reply.cspNonce`). No `upgrade-insecure-requests` and no HSTS: the
 * portal is often reached over plain HTTP inside an office network, where either would break it; behind an
 * HTTPS proxy, the proxy sends HSTS.
 */
export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: false,
  });
  // Answers hold a unit's data: none is kept by a browser or a proxy, unless a route says otherwise (static files).
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
}
