// Accounts: one's own password; an administrator lists accounts, disables one (or enables it again), and resets a password.
import { Refusal } from '@tianbao/form';
import * as z from 'zod';
import type { FastifyInstance } from 'fastify';
import {
  ACCOUNT_SCHEMA,
  disableUser,
  enableUser,
  findUser,
  listUsers,
  loginWait,
  passwordMatches,
  recordAudit,
  recordLoginFailure,
  setPassword,
} from '@tianbao/store';
import { HttpRefusal, errorBody } from '../errors.ts';
import { requireAccount, requireRole } from './auth.ts';
import { ERROR_SCHEMA, ID_PARAMS, NO_CONTENT, routeSchema, type IdParams } from '../schemas.ts';


/** A password as the API takes it: the rules of `checkPassword` are said in Chinese by the store, not by the schema. */
const Password = z.string().max(1000);

const OwnPassword = z.strictObject({ currentPassword: Password, newPassword: Password });

const Reset = z.strictObject({ password: Password });

const REFUSALS = { 400: ERROR_SCHEMA, 401: ERROR_SCHEMA, 403: ERROR_SCHEMA, 404: ERROR_SCHEMA } as const;

/** A new password that breaks the rules, answered 400 with the store's rule id. */
async function newPassword(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (e) {
    throw e instanceof Refusal ? new HttpRefusal(400, e.rule, e.message) : e;
  }
}

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  app.addHook('preHandler', requireAccount);

  app.post<{ Body: z.infer<typeof OwnPassword> }>(
    '/api/me/password',
    { schema: { body: routeSchema(OwnPassword), response: { 204: NO_CONTENT, 429: ERROR_SCHEMA, ...REFUSALS } } },
    async (request, reply) => {
      const account = request.account!;
      const address = request.ip;
      // The current password is a login's: guessed through a session left open, it is throttled as logins are.
      const wait = await loginWait(db, account.name, address);
      if (wait > 0)
        return reply.code(429).header('retry-after', String(wait)).send(errorBody('auth.login.throttled', `密码错误次数过多，请 ${wait} 秒后再试`));
      const row = await findUser(db, account.id);
      if (!(await passwordMatches(row?.password_hash ?? null, request.body.currentPassword))) {
        await recordLoginFailure(db, account.name, address);
        throw new HttpRefusal(403, 'users.password.wrong', '当前密码不正确，密码未修改');
      }
      // The other sessions of the account end: whoever knew the old password is logged out with it.
      await newPassword(setPassword(db, account.id, request.body.newPassword, request.session.sessionId));
      await recordAudit(db, { userId: account.id, action: 'users.password.change', subject: account.id, address });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/users',
    { preHandler: requireRole('admin'), schema: { response: { 200: { type: 'array', items: ACCOUNT_SCHEMA }, ...REFUSALS } } },
    async () => listUsers(db),
  );

  /** The account of the path's id, for an administrator; else 404. */
  const accountOfPath = async (id: string) => {
    const row = await findUser(db, id);
    if (!row) throw new HttpRefusal(404, 'users.not-found', '没有这个账号');
    return row;
  };

  app.post<{ Params: IdParams }>(
    '/api/users/:id/disable',
    { preHandler: requireRole('admin'), schema: { params: ID_PARAMS, response: { 200: ACCOUNT_SCHEMA, ...REFUSALS } } },
    async (request) => {
      const row = await accountOfPath(request.params.id);
      // An administrator who disabled themselves might leave nobody to undo it.
      if (row.id === request.account!.id) throw new HttpRefusal(400, 'users.disable.self', '不能停用自己正在使用的账号；请由另一位管理员停用');
      const account = await disableUser(db, row.id);
      await recordAudit(db, { userId: request.account!.id, action: 'users.disable', subject: row.id, address: request.ip });
      return account;
    },
  );

  app.post<{ Params: IdParams }>(
    '/api/users/:id/enable',
    { preHandler: requireRole('admin'), schema: { params: ID_PARAMS, response: { 200: ACCOUNT_SCHEMA, ...REFUSALS } } },
    async (request) => {
      const row = await accountOfPath(request.params.id);
      const account = await enableUser(db, row.id);
      await recordAudit(db, { userId: request.account!.id, action: 'users.enable', subject: row.id, address: request.ip });
      return account;
    },
  );

  app.post<{ Params: IdParams; Body: z.infer<typeof Reset> }>(
    '/api/users/:id/password',
    { preHandler: requireRole('admin'), schema: { params: ID_PARAMS, body: routeSchema(Reset), response: { 204: NO_CONTENT, ...REFUSALS } } },
    async (request, reply) => {
      const row = await accountOfPath(request.params.id);
      // Every session of the account ends, the administrator's own too when it is theirs: the new password is the way in.
      await newPassword(setPassword(db, row.id, request.body.password));
      await recordAudit(db, { userId: request.account!.id, action: 'users.reset-password', subject: row.id, address: request.ip });
      return reply.code(204).send();
    },
  );
}
