// Accounts: one's own password; an administrator disables an account or resets its password.
import * as z from 'zod';
import { listUsers, ROLE_NAMES } from '@tianbao/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccount, requireRole } from '../routes/auth.ts';
import { forward, refusalOf } from './forward.ts';
import { sendPage } from './view.ts';
import { ID_PARAMS, routeSchema, type IdParams } from '../schemas.ts';

const Password = z.string().max(1000);

/** The password form: the account's name too, for the browser's password manager. */
const PasswordForm = z.object({ _csrf: z.string().optional(), name: z.string().max(200).optional(), currentPassword: Password, newPassword: Password, again: Password });

const ResetForm = z.object({ _csrf: z.string().optional(), password: Password });

const DONE = {
  changed: '密码已修改。其他地方的登录已退出。',
  disabled: '账号已停用。',
  reset: '密码已重置，请把新密码告知本人。',
} as const;

/** `?done=`: what was just done, said on the page. */
const Done = z.object({ done: z.enum(Object.keys(DONE) as (keyof typeof DONE)[]).optional() });

type Flash = { kind: 'ok' | 'error'; text: string; rule?: string } | null;

/** The account page, with the list of accounts for an administrator. */
async function accountPage(request: FastifyRequest, reply: FastifyReply, flash: Flash, status = 200) {
  const account = request.account!;
  const users =
    account.role === 'admin' ? (await listUsers(request.server.db)).map((u) => ({ ...u, roleName: ROLE_NAMES[u.role], self: u.id === account.id })) : null;
  return sendPage(reply, '@account', '账号与密码', { flash, users }, status);
}

export async function accountPages(app: FastifyInstance): Promise<void> {
  const refused = (request: FastifyRequest, reply: FastifyReply, status: number, error: { rule: string; message: string }) =>
    accountPage(request, reply, { kind: 'error', text: error.message, rule: error.rule }, status);

  app.get<{ Querystring: z.infer<typeof Done> }>(
    '/account',
    { schema: { querystring: routeSchema(Done) }, preHandler: requireAccount },
    async (request, reply) => accountPage(request, reply, request.query.done ? { kind: 'ok', text: DONE[request.query.done] } : null),
  );

  app.post<{ Body: z.infer<typeof PasswordForm> }>(
    '/account/password',
    { schema: { body: routeSchema(PasswordForm) }, preHandler: [app.csrfProtection, requireAccount] },
    async (request, reply) => {
      const { currentPassword, newPassword, again } = request.body;
      if (newPassword !== again) return refused(request, reply, 400, { rule: 'users.password.mismatch', message: '两次输入的新密码不一致，密码未修改，请重新输入' });
      const answer = await forward(request, 'POST', '/api/me/password', { json: { currentPassword, newPassword } });
      if (answer.statusCode >= 300) return refused(request, reply, answer.statusCode, refusalOf(answer));
      return reply.redirect('/account?done=changed', 303);
    },
  );

  const admin = [app.csrfProtection, requireAccount, requireRole('admin')];

  app.post<{ Params: IdParams }>('/users/:id/disable', { schema: { params: ID_PARAMS }, preHandler: admin }, async (request, reply) => {
    const answer = await forward(request, 'POST', `/api/users/${encodeURIComponent(request.params.id)}/disable`, { json: {} });
    if (answer.statusCode >= 300) return refused(request, reply, answer.statusCode, refusalOf(answer));
    return reply.redirect('/account?done=disabled', 303);
  });

  app.post<{ Params: IdParams; Body: z.infer<typeof ResetForm> }>('/users/:id/password', { schema: { params: ID_PARAMS, body: routeSchema(ResetForm) }, preHandler: admin }, async (request, reply) => {
    const answer = await forward(request, 'POST', `/api/users/${encodeURIComponent(request.params.id)}/password`, { json: { password: request.body.password } });
    // An administrator who reset their own password is logged out with every other session of the account.
    if (answer.statusCode === 401) return reply.redirect('/login', 303);
    if (answer.statusCode >= 300) return refused(request, reply, answer.statusCode, refusalOf(answer));
    return reply.redirect('/account?done=reset', 303);
  });
}
