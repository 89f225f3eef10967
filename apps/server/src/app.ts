import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import session from '@fastify/session';
import { defaultUnits, type UnitList } from '@tianbao/form';
import { LIMITS } from '@tianbao/xlsx/read';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { answerErrors } from './errors.ts';
import { SESSION_COOKIE, authRoutes } from './routes/auth.ts';
import { submissionRoutes } from './routes/submissions.ts';
import { taskRoutes } from './routes/tasks.ts';
import { type Database, sessionSecret } from '@tianbao/store';
import { sessionStore } from './session-store.ts';
import type { Checker } from './upload-check.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    /** The city and its units, who report. */
    units: UnitList;
    /** The child program every upload is checked in. */
    checker: Checker;
    /** The largest upload taken, bytes. */
    uploadBytes: number;
  }
}

export interface ServerOptions {
  /** The database, migrated. */
  db: Kysely<Database>;
  units?: UnitList;
  /** The child program that checks uploads: the server never opens one itself. */
  checker: Checker;
  /** The largest upload taken, bytes; default the largest file the checker reads (50 MB). */
  uploadBytes?: number;
}

/** A login lasts a working day and a night; then the user logs in again. */
const SESSION_MS = 12 * 3600_000;

/** The portal: every route, on the database given; nothing that matters is kept in the process. */
export async function buildServer({ db, units = defaultUnits, checker, uploadBytes = LIMITS.fileBytes }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify();
  app.decorate('db', db);
  app.decorate('units', units);
  app.decorate('checker', checker);
  app.decorate('uploadBytes', uploadBytes);
  app.decorateRequest('account', null);
  answerErrors(app);
  // The API takes JSON (and, for uploads, multipart): plain text is refused with 415, not read as a body.
  app.removeContentTypeParser('text/plain');
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
  return app;
}
