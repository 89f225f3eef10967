// Logging in and out, and who is logged in.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit, loginWait, recordLoginFailure, passwordMatches, ROLE_NAMES, type Role, ACCOUNT_SCHEMA, accountOf, findUser, type Account } from '@tianbao/store';
import { ERROR_SCHEMA, HttpRefusal, errorBody } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The account logged in, once `requireAccount` has run. */
    account: Account | null;
  }
}

/** The cookie that carries the session id. */
export const SESSION_COOKIE = 'tianbao_session';

const LOGIN_BODY = {
  type: 'object',
  required: ['name', 'password'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, password: { type: 'string', minLength: 1, maxLength: 1000 } },
} as const;

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

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;

  app.post<{ Body: { name: string; password: string } }>(
    '/api/login',
    { schema: { body: LOGIN_BODY, response: { 200: ACCOUNT_SCHEMA, 401: ERROR_SCHEMA, 429: ERROR_SCHEMA } } },
    async (request, reply) => {
      const name = request.body.name.trim();
      const address = request.ip;
      // Refused before the password is checked: a guesser learns nothing more, and costs no hashing.
      const wait = await loginWait(db, name, address);
      if (wait > 0)
        return reply.code(429).header('retry-after', String(wait)).send(errorBody('auth.login.throttled', `登录失败次数过多，请 ${wait} 秒后再试`));
      const user = await db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
      const usable = user && !user.disabled_at ? user : undefined;
      if (!(await passwordMatches(usable?.password_hash ?? null, request.body.password)) || !usable) {
        await recordLoginFailure(db, name, address);
        return reply.code(401).send(errorBody('auth.login.failed', '用户名或密码不正确'));
      }
      // A new session id at login, so that an id planted before it is worth nothing after.
      await request.session.regenerate();
      request.session.userId = usable.id;
      await recordAudit(db, { userId: usable.id, action: 'login', address });
      return accountOf(usable);
    },
  );

  app.post('/api/logout', { schema: { response: { 204: { type: 'null' } } } }, async (request, reply) => {
    const userId = request.session.userId;
    if (userId) {
      await request.session.destroy();
      await recordAudit(db, { userId, action: 'logout', address: request.ip });
    }
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204).send();
  });

  app.get('/api/me', { preHandler: requireAccount, schema: { response: { 200: ACCOUNT_SCHEMA, 401: ERROR_SCHEMA } } }, async (request) => request.account);
}
