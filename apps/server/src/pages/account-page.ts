// Accounts: one's own password; an administrator disables an account or resets its password.
import { listUsers, ROLE_NAMES } from '@tianbao/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccount, requireRole } from '../routes/auth.ts';
import { forward, refusalOf } from './forward.ts';
import { sendPage } from './view.ts';
import { ID_PARAMS } from '../schemas.ts';

const PASSWORD_FORM = {
  type: 'object',
  required: ['currentPassword', 'newPassword', 'again'],
  properties: {
    _csrf: { type: 'string' },
    name: { type: 'string', maxLength: 200 },
    currentPassword: { type: 'string', maxLength: 1000 },
    newPassword: { type: 'string', maxLength: 1000 },
    again: { type: 'string', maxLength: 1000 },
  },
} as const;

const RESET_FORM = { type: 'object', required: ['password'], properties: { _csrf: { type: 'string' }, password: { type: 'string', maxLength: 1000 } } } as const;

const DONE = {
  changed: '密码已修改。其他地方的登录已退出。',
  disabled: '账号已停用。',
  reset: '密码已重置，请把新密码告知本人。',
} as const;

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

  app.get<{ Querystring: { done?: keyof typeof DONE } }>(
    '/account',
    { schema: { querystring: { type: 'object', properties: { done: { type: 'string', enum: Object.keys(DONE) } } } }, preHandler: requireAccount },
    async (request, reply) => accountPage(request, reply, request.query.done ? { kind: 'ok', text: DONE[request.query.done] } : null),
  );

  app.post<{ Body: { currentPassword: string; newPassword: string; again: string } }>(
    '/account/password',
    { schema: { body: PASSWORD_FORM }, preHandler: [app.csrfProtection, requireAccount] },
    async (request, reply) => {
      const { currentPassword, newPassword, again } = request.body;
      if (newPassword !== again) return refused(request, reply, 400, { rule: 'users.password.mismatch', message: '两次输入的新密码不一致，密码未修改，请重新输入' });
      const answer = await forward(request, 'POST', '/api/me/password', { json: { currentPassword, newPassword } });
      if (answer.statusCode >= 300) return refused(request, reply, answer.statusCode, refusalOf(answer));
      return reply.redirect('/account?done=changed', 303);
    },
  );

  const admin = [app.csrfProtection, requireAccount, requireRole('admin')];

  app.post<{ Params: { id: string } }>('/users/:id/disable', { schema: { params: ID_PARAMS }, preHandler: admin }, async (request, reply) => {
    const answer = await forward(request, 'POST', `/api/users/${encodeURIComponent(request.params.id)}/disable`, { json: {} });
    if (answer.statusCode >= 300) return refused(request, reply, answer.statusCode, refusalOf(answer));
    return reply.redirect('/account?done=disabled', 303);
  });

  app.post<{ Params: { id: string }; Body: { password: string } }>('/users/:id/password', { schema: { params: ID_PARAMS, body: RESET_FORM }, preHandler: admin }, async (request, reply) => {
    const answer = await forward(request, 'POST', `/api/users/${encodeURIComponent(request.params.id)}/password`, { json: { password: request.body.password } });
    // An administrator who reset their own password is logged out with every other session of the account.
    if (answer.statusCode === 401) return reply.redirect('/login', 303);
    if (answer.statusCode >= 300) return refused(request, reply, answer.statusCode, refusalOf(answer));
    return reply.redirect('/account?done=reset', 303);
  });
}
