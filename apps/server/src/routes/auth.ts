// Logging in and out, and who is logged in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit, loginWait, recordLoginFailure, passwordMatches, ROLE_NAMES, type Role, ACCOUNT_SCHEMA, accountOf, findUser, type Account } from '@tianbao/store';
import { HttpRefusal, errorBody } from '../errors.ts';
import * as z from 'zod';
import { ERROR_SCHEMA, NO_CONTENT, routeSchema } from '../schemas.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The account logged in, once `requireAccount` has run. */
    account: Account | null;
  }
}

/** The cookie that carries the session id. */
export const SESSION_COOKIE = 'tianbao_session';

const Login = z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1000) });

/** A hook for the routes that need an account: an active one, else 401. */
export async function requireAccount(request: FastifyRequest): Promise<void> {
  const id = request.session.userId;
  const row = id ? await findUser(request.server.db, id) : undefined;
  // An account disabled since it logged in is logged out.
  if (!row || row.disabled_at) throw new HttpRefusal(401, 'auth.required', '请先登录');
  request.account = accountOf(row);
}

/** A hook, after `requireAccount`, for the routes of some roles only: any other account is refused with 403. */
export const requireRole =
  (...roles: Role[]) =>
  async (request: FastifyRequest): Promise<void> => {
    if (!roles.includes(request.account!.role))
      throw new HttpRefusal(403, 'auth.forbidden', `只有${roles.map((r) => ROLE_NAMES[r]).join('、')}账号可以这样做`);
  };

/** A login refused: a wrong name or password (401), or too many failures, with the seconds to wait (429). */
export class LoginRefused extends HttpRefusal {
  constructor(status: number, rule: string, message: string, readonly wait = 0) {
    super(status, rule, message);
  }
}

/** Log `name` in on the request's session (for the API and the login page alike); else a `LoginRefused`. */
export async function logIn(request: FastifyRequest, given: string, password: string): Promise<Account> {
  const { db } = request.server;
  const name = given.trim();
  const address = request.ip;
  // Refused before the password is checked: a guesser learns nothing more, and costs no hashing.
  const wait = await loginWait(db, name, address);
  if (wait > 0) throw new LoginRefused(429, 'auth.login.throttled', `登录失败次数过多，请 ${wait} 秒后再试`, wait);
  const user = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  const usable = user && !user.disabled_at ? user : undefined;
  if (!(await passwordMatches(usable?.password_hash ?? null, password)) || !usable) {
    await recordLoginFailure(db, name, address);
    throw new LoginRefused(401, 'auth.login.failed', '用户名或密码不正确');
  }
  // A new session id at login, so that an id planted before it is worth nothing after.
  await request.session.regenerate();
  request.session.userId = usable.id;
  await recordAudit(db, { userId: usable.id, action: 'login', address });
  return accountOf(usable);
}

/** End the request's session, if any, and clear its cookie. */
export async function logOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const userId = request.session.userId;
  if (userId) {
    await request.session.destroy();
    await recordAudit(request.server.db, { userId, action: 'logout', address: request.ip });
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: z.infer<typeof Login> }>(
    '/api/login',
    { schema: { body: routeSchema(Login), response: { 200: ACCOUNT_SCHEMA, 401: ERROR_SCHEMA, 429: ERROR_SCHEMA } } },
    async (request, reply) => {
      try {
        return await logIn(request, request.body.name, request.body.password);
      } catch (e) {
        if (e instanceof LoginRefused && e.wait) reply.header('retry-after', String(e.wait));
        throw e;
      }
    },
  );

  app.post('/api/logout', { schema: { response: { 204: NO_CONTENT } } }, async (request, reply) => {
    await logOut(request, reply);
    return reply.code(204).send();
  });

  app.get('/api/me', { preHandler: requireAccount, schema: { response: { 200: ACCOUNT_SCHEMA, 401: ERROR_SCHEMA } } }, async (request) => request.account);
}
