import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import session from '@fastify/session';
import { defaultUnits, type UnitList } from '@tianbao/form';
import { LIMITS } from '@tianbao/xlsx/read';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { answerErrors, clientErrorHandler, frameworkErrors, refuseNul } from './errors.ts';
import { validateRequests } from './schemas.ts';
import { pageRoutes } from './pages/index.ts';
import { localQueue } from './jobs/local-queue.ts';
import type { JobQueue } from './jobs/queue.ts';
import { accountRoutes } from './routes/accounts.ts';
import { annotatedRoutes } from './routes/annotated.ts';
import { compiledRoutes } from './routes/compiled.ts';
import { SESSION_COOKIE, authRoutes } from './routes/auth.ts';
import { explanationRoutes } from './routes/explanations.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { taskRoutes } from './routes/tasks.ts';
import { type Database, sessionSecret } from '@tianbao/store';
import { refuseCrossOrigin } from './same-origin.ts';
import { securityHeaders } from './security.ts';
import { sessionStore } from './session-store.ts';
import { judgeUnjudged } from './submissions.ts';
import { checkerPool, type Checker } from './upload-check.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    /** The city and its units, who report. */
    units: UnitList;
    /** The child program every upload is checked in. */
    checker: Checker;
    /** The largest upload taken, bytes. */
    uploadBytes: number;
    /** Where background work goes (marked-up copies, compilations). */
    jobs: JobQueue;
  }
}

export interface ServerOptions {
  /** The database, migrated. */
  db: Kysely<Database>;
  units?: UnitList;
  /** The child program that checks uploads: the server never opens one itself. Without its `pool`, the server keeps one (see `checkerPool`) until it closes. */
  checker: Checker;
  /** The largest upload taken, bytes; default the largest file the checker reads (50 MB). */
  uploadBytes?: number;
  /** Where background work goes (see `startJobs`); default a queue of this process's own, stopped with it. */
  jobs?: JobQueue;
  /**
   * The proxies in front whose X-Forwarded-For and X-Forwarded-Proto are believed (Fastify's `trustProxy`:
   * their addresses or CIDR ranges, or how many hops); none by default, as a client could forge them.
   */
  trustProxy?: string | string[] | number;
}

/** A login lasts a working day and a night; then the user logs in again. */
const SESSION_MS = 12 * 3600_000;

/** The portal: every route, on the database given; nothing that matters is kept in the process. */
export async function buildServer({ db, units = defaultUnits, checker: given, uploadBytes = LIMITS.fileBytes, jobs, trustProxy }: ServerOptions): Promise<FastifyInstance> {
  // A count of hops as Fastify takes it (its types have no number): the first `trustProxy` hops are proxies.
  const proxies = typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy;
  const app = Fastify({ frameworkErrors, clientErrorHandler, ...(proxies !== undefined && { trustProxy: proxies }) });
  const pool = given.pool ?? checkerPool(given);
  const checker = { ...given, pool };
  app.decorate('db', db);
  app.decorate('units', units);
  app.decorate('checker', checker);
  app.decorate('uploadBytes', uploadBytes);
  app.decorate('jobs', jobs ?? localQueue(1, { db, checker, units }));
  // Uploads kept but never judged (the process checking them was stopped): judged now.
  await judgeUnjudged(db, app.jobs);
  // The jobs of this process's own first: one under way may still be checking in the pool.
  app.addHook('onClose', async () => {
    if (!jobs) await app.jobs.stop();
    if (!given.pool) await pool.close();
  });
  app.decorateRequest('account', null);
  answerErrors(app);
  // The API takes no CSRF token: a state-changing request a browser says came from another origin is refused.
  refuseCrossOrigin(app);
  validateRequests(app);
  refuseNul(app);
  // The API takes JSON (and, for uploads, multipart): plain text is refused with 415, not read as a body.
  app.removeContentTypeParser('text/plain');
  // Helmet's headers and Cache-Control: no-store (security.ts): its CSP allows the pages scripts and styles
  // from the server only, none inline (one that must be inline takes a nonce: enableCSPNonces).
  await securityHeaders(app);
  await app.register(cookie);
  await app.register(session, {
    secret: await sessionSecret(db),
    store: sessionStore(db),
    cookieName: SESSION_COOKIE,
    // A session is written when someone logs in, not for every visitor, nor again on every request.
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', path: '/', secure: 'auto', maxAge: SESSION_MS },
  });
  await app.register(multipart);
  await app.register(authRoutes);
  await app.register(taskRoutes);
  await app.register(submissionRoutes);
  await app.register(explanationRoutes);
  await app.register(accountRoutes);
  await app.register(annotatedRoutes);
  await app.register(compiledRoutes);
  // The pages load one style sheet and one script, both from /static/, and have no inline script or style:
  // a Content-Security-Policy of 'self' fits them (form-action 'self' too), but not helmet's default
  // `upgrade-insecure-requests`, which sends a page's forms and files over HTTPS when it is served over HTTP.
  await app.register(pageRoutes);
  return app;
}
