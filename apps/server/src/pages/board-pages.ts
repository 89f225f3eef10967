// The city's board: every task against every unit; one task's units and uploads; a new task.
import { formById, forms } from '@tianbao/forms';
import { formatDateCn, printable, today } from '@tianbao/form';
import * as z from 'zod';
import { fileNote } from '@tianbao/validate';
import type { FastifyInstance } from 'fastify';
import { requireAccount, requireRole } from '../routes/auth.ts';
import { taskStatus, type TaskStatus } from '../task-status.ts';
import { findTask, visibleTasks, type Task } from '../tasks.ts';
import { forward, refusalOf } from './forward.ts';
import { countsOf, dueText, judgedAt, localText, shownState, shownVerdict, taskTitle } from './shown.ts';
import { errorPage, sendPage } from './view.ts';
import { ID_PARAMS, routeSchema, type IdParams } from '../schemas.ts';

const NewTaskForm = z.object({
  _csrf: z.string().optional(),
  form: z.string().max(100),
  period: z.string().max(20).optional(),
  due: z.string().max(20),
  // The units ticked: one gives a string, several a list, none leaves it out (every unit).
  units: z.union([z.string().max(200), z.array(z.string().max(200)).max(1000)]).optional(),
});

/** `?created=1` after a task is made, said on the board. */
const Created = z.object({ created: z.string().max(1).optional() });

/** Each unit of a task as the board shows it: its state, and its judged upload's id and time. */
async function unitCells(app: FastifyInstance, task: Task) {
  const status: TaskStatus = await taskStatus(app.db, task, app.units);
  const cells = status.units.map((u) => ({
    unit: u.unit,
    task: task.id,
    state: shownState(u),
    late: u.timing === 'late',
    submission: u.submission,
    at: judgedAt(u),
    status: u,
  }));
  return { status, cells };
}

export async function boardPages(app: FastifyInstance): Promise<void> {
  const { units } = app;
  const cityOnly = [requireAccount, requireRole('city', 'admin')];

  app.get<{ Querystring: z.infer<typeof Created> }>(
    '/board',
    { schema: { querystring: routeSchema(Created) }, preHandler: cityOnly },
    async (request, reply) => {
      const tasks = await visibleTasks(app.db, request.account!);
      const columns = await Promise.all(tasks.map((t) => unitCells(app, t)));
      // The units in the list's order, the city first where it reports a form itself; then any of a task no longer in the list.
      const names = [...new Set([units.city.name, ...units.units.map((u) => u.name), ...tasks.flatMap((t) => t.units)])].filter((n) => tasks.some((t) => t.units.includes(n)));
      return sendPage(reply, '@board', '报送情况', {
        asOf: formatDateCn(today()),
        flash: request.query.created ? { kind: 'ok', text: '已新建报送任务，各单位登录后即可看到。' } : null,
        tasks: tasks.map((t, i) => ({ id: t.id, title: taskTitle(t), due: dueText(t), counts: countsOf(columns[i]!.cells.map((c) => c.state)) })),
        rows: names.map((unit) => ({ unit, cells: columns.map((c) => c.cells.find((x) => x.unit === unit) ?? null) })),
        forms: forms.map((f) => ({ id: f.id, name: f.name, monthly: f.monthly, cityReports: f.cityReports })),
        // This month, the one most often opened: an empty month field shows only dashes.
        period: today().slice(0, 7),
        city: units.city.name,
        units: units.units.map((u) => u.name),
        cityForms: forms.filter((f) => f.cityReports).map((f) => f.name),
      });
    },
  );

  app.get<{ Params: IdParams }>('/tasks/:id', { schema: { params: ID_PARAMS }, preHandler: cityOnly }, async (request, reply) => {
    const task = await findTask(app.db, request.params.id, request.account!);
    const { cells } = await unitCells(app, task);
    const city = request.account!.role === 'city' && formById(task.form).cityReports && task.units.includes(units.city.name);
    return sendPage(reply, '@task', taskTitle(task), {
      asOf: formatDateCn(today()),
      today: today(),
      // The city's office uploads here what the city itself reports.
      cityUpload: city ? units.city.name : null,
      task: { id: task.id, title: taskTitle(task), due: dueText(task) },
      counts: countsOf(cells.map((c) => c.state)),
      accepted: cells.filter((c) => c.status.state === 'valid').length,
      units: cells.map((c) => ({
        unit: c.unit,
        state: c.state,
        late: c.late,
        at: c.at,
        errors: c.submission ? c.status.errors : '',
        warnings: c.submission ? c.status.warnings : '',
        files: c.status.files.map((f) => ({ id: (f as typeof f & { submission: string }).submission, at: f.receivedAt ? localText(f.receivedAt) : '', fileName: printable(f.file), verdict: shownVerdict(f.verdict), note: fileNote(f) })),
      })),
    });
  });

  app.post<{ Body: z.infer<typeof NewTaskForm> }>('/tasks', { schema: { body: routeSchema(NewTaskForm) }, preHandler: [app.csrfProtection, ...cityOnly] }, async (request, reply) => {
    const { form, due, units: ticked } = request.body;
    // The month field always has a month: one of a form not monthly is left out, not refused.
    const period = forms.find((f) => f.id === form)?.monthly === false ? undefined : request.body.period;
    const chosen = ticked === undefined ? undefined : [ticked].flat();
    const answer = await forward(request, 'POST', '/api/tasks', { json: { form, due, ...(period && { period }), ...(chosen && { units: chosen }) } });
    if (answer.statusCode !== 201) return errorPage(reply, answer.statusCode, refusalOf(answer), '/board');
    return reply.redirect('/board?created=1', 303);
  });
}
