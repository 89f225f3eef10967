// A unit's clerk: the tasks of the unit, and an upload.
import type { FastifyInstance } from 'fastify';
import { requireAccount } from '../routes/auth.ts';
import { taskStatus } from '../task-status.ts';
import { visibleTasks } from '../tasks.ts';
import { forward, refusalOf } from './forward.ts';
import { dueText, judgedAt, shownState, taskTitle } from './shown.ts';
import { errorPage, sendPage } from './view.ts';
import { ID_PARAMS, type IdParams } from '../schemas.ts';

export async function unitPages(app: FastifyInstance): Promise<void> {
  const { db, units } = app;

  app.get('/home', { preHandler: requireAccount }, async (request, reply) => {
    const account = request.account!;
    if (!account.unit) return reply.redirect('/board', 303);
    const tasks = await visibleTasks(db, account);
    const rows = await Promise.all(tasks.map(async (task) => ({ task, unit: (await taskStatus(db, { ...task, units: [account.unit!] }, units)).units[0]! })));
    return sendPage(reply, '@home', '本单位报送', {
      unit: account.unit,
      tasks: rows.map(({ task, unit }) => ({
        id: task.id,
        title: taskTitle(task),
        due: dueText(task),
        state: shownState(unit),
        late: unit.timing === 'late',
        latest: unit.submission && { id: unit.submission, at: judgedAt(unit) },
      })),
    });
  });

  // The browser's multipart body goes on to the API as it came: this route reads none of it.
  app.post<{ Params: IdParams }>('/tasks/:id/upload', { schema: { params: ID_PARAMS }, preHandler: [app.csrfProtection, requireAccount] }, async (request, reply) => {
    const answer = await forward(request, 'POST', `/api/tasks/${encodeURIComponent(request.params.id)}/submissions`, { raw: request.raw });
    if (answer.statusCode !== 201) return errorPage(reply, answer.statusCode, refusalOf(answer), request.headers.referer ?? '/');
    return reply.redirect(`/submissions/${encodeURIComponent(answer.json().submission)}`, 303);
  });
}
