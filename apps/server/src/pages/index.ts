// The portal's pages: Chinese, rendered here, usable without JavaScript. Every form post carries a CSRF
// token; every action goes through the JSON API (see `forward`).
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { HttpRefusal, answerNotFound, internalMessage, logFailure } from '../errors.ts';
import { LoginRefused, logIn, logOut, requireAccount } from '../routes/auth.ts';
import { accountPages } from './account-page.ts';
import { boardPages } from './board-pages.ts';
import { FAVICON } from './favicon.ts';
import { submissionPages } from './submission-page.ts';
import { PORTAL_JS } from './script.ts';
import { PORTAL_CSS } from './style.ts';
import { taskDownloads } from './task-downloads.ts';
import { unitPages } from './unit-pages.ts';
import { errorPage, sendPage } from './view.ts';
import { routeSchema } from '../schemas.ts';

/** Where an account starts: a unit's clerk at its tasks, the city's office and the administrator at the board. */
const homeOf = (request: FastifyRequest) => (request.account?.role === 'unit' ? '/home' : '/board');

/** Whoever is logged in, or null: for the pages that anyone may see. */
async function whoever(request: FastifyRequest) {
  try {
    await requireAccount(request);
  } catch {
    request.account = null;
  }
}

const LoginForm = z.object({ name: z.string().max(200), password: z.string().max(1000), _csrf: z.string().optional() });

export async function pageRoutes(app: FastifyInstance): Promise<void> {
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(csrf, {
    // The secret in a cookie of its own, not in the session: the login form needs one before there is a session.
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'tianbao_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: 'auto' },
    // The upload form sends its token in the address (see UPLOAD_FORM); every other form in its body.
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf ?? (request.query as { _csrf?: string })._csrf,
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpRefusal && error.status === 401) return reply.redirect('/login', 303);
    if (error instanceof HttpRefusal) return errorPage(reply, error.status, error);
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET')
      return errorPage(reply, 403, { rule: 'request.csrf', message: '页面已过期或不是从本站提交的，未处理。请返回，刷新页面后再提交' }, request.headers.referer ?? '/');
    if (error.validation || (error.statusCode && error.statusCode < 500))
      return errorPage(reply, error.statusCode ?? 400, { rule: 'request.invalid', message: '提交的内容不符合要求，请返回检查后再提交' });
    return errorPage(reply, 500, { rule: 'internal', message: internalMessage(logFailure(error, request)) });
  });

  const asset = (type: string, text: string) => (_request: unknown, reply: FastifyReply) => reply.header('content-type', `${type}; charset=utf-8`).header('cache-control', 'public, max-age=3600').send(text);
  app.get('/static/portal.css', asset('text/css', PORTAL_CSS));
  app.get('/static/portal.js', asset('text/javascript', PORTAL_JS));
  // Asked for by a browser on every page, logged in or not.
  app.get('/favicon.ico', (_request, reply) => reply.header('content-type', 'image/x-icon').header('cache-control', 'public, max-age=86400').send(FAVICON));

  app.get('/', { preHandler: whoever }, async (request, reply) => reply.redirect(request.account ? homeOf(request) : '/login', 303));

  app.get('/login', { preHandler: whoever }, async (request, reply) =>
    request.account ? reply.redirect(homeOf(request), 303) : sendPage(reply, '@login', '登录', { name: '', error: null }),
  );

  app.post<{ Body: z.infer<typeof LoginForm> }>('/login', { schema: { body: routeSchema(LoginForm) }, preHandler: app.csrfProtection }, async (request, reply) => {
    try {
      request.account = await logIn(request, request.body.name, request.body.password);
      return reply.redirect(homeOf(request), 303);
    } catch (e) {
      if (!(e instanceof LoginRefused)) throw e;
      if (e.wait) reply.header('retry-after', String(e.wait));
      return sendPage(reply, '@login', '登录', { name: request.body.name, error: e }, e.status);
    }
  });

  app.post('/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    await logOut(request, reply);
    return reply.redirect('/login', 303);
  });

  await app.register(unitPages);
  await app.register(submissionPages);
  await app.register(boardPages);
  await app.register(taskDownloads);
  await app.register(accountPages);

  // Any other address read by a browser (a link mistyped, an old bookmark): a page, in the frame of whoever is
  // logged in. The API, and a client that asks for no page, get the JSON refusal.
  app.get('/*', { preHandler: whoever }, async (request, reply) =>
    !request.url.startsWith('/api/') && /\btext\/html\b/.test(request.headers.accept ?? '')
      ? errorPage(reply, 404, { rule: 'request.not-found', message: '没有这个页面。请检查地址，或从首页上的链接进入' })
      : answerNotFound(request, reply),
  );
}
