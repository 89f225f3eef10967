import { ROLE_NAMES, type Account } from '@tianbao/store';
import { Eta } from 'eta';
import type { FastifyReply } from 'fastify';
import { ACCOUNT, ACCOUNTS } from './templates/account.ts';
import { BOARD } from './templates/board.ts';
import { COUNTS } from './templates/counts.ts';
import { ERROR_PAGE } from './templates/error.ts';
import { HOME } from './templates/home.ts';
import { LAYOUT } from './templates/layout.ts';
import { LOGIN } from './templates/login.ts';
import { SUBMISSION } from './templates/submission.ts';
import { TASK, UPLOAD_LINE } from './templates/task.ts';
import { UPLOAD_FORM } from './templates/upload.ts';
import { WAIT } from './templates/wait.ts';

/**
 * The templates, compiled once. They live in modules rather than files, so that the bundled CLI carries
 * them; every value is escaped (`<%= %>`) but the page's body in the layout and the parts it includes.
 */
const eta = new Eta({ autoEscape: true, cache: true });
const TEMPLATES = {
  '@layout': LAYOUT,
  '@upload': UPLOAD_FORM,
  '@counts': COUNTS,
  '@login': LOGIN,
  '@error': ERROR_PAGE,
  '@home': HOME,
  '@submission': SUBMISSION,
  '@board': BOARD,
  '@task': TASK,
  '@upload-line': UPLOAD_LINE,
  '@account': ACCOUNT,
  '@accounts': ACCOUNTS,
  '@wait': WAIT,
};
for (const [name, text] of Object.entries(TEMPLATES)) eta.loadTemplate(name, text);

export type PageName = Exclude<keyof typeof TEMPLATES, '@layout' | '@upload' | '@counts' | '@accounts' | '@upload-line'>;

/** Send page `name` with `data`, in the frame every page has: who is logged in, the menu, a fresh CSRF token. */
export function sendPage(reply: FastifyReply, name: PageName, title: string, data: Record<string, unknown> = {}, status = 200) {
  const account: Account | null = reply.request.account;
  const html = eta.render(name, {
    title,
    city: reply.server.units.city.name,
    account,
    roleName: account ? ROLE_NAMES[account.role] : '',
    csrf: reply.generateCsrf(),
    ...data,
  });
  return reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** A refusal shown as a page, with a way back. */
export function errorPage(reply: FastifyReply, status: number, error: { rule: string; message: string }, back = '/') {
  return sendPage(reply, '@error', '未能完成', { heading: status === 404 ? '没有找到' : '未能完成', error, back }, status);
}
