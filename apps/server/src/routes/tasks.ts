// Collections: opening one, the tasks an account sees, a task's blank and where its units stand.
import { findReporter, formatPeriodCn, outputContext, titleFor } from '@tianbao/form';
import * as z from 'zod';
import { formById } from '@tianbao/forms';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '@tianbao/store';
import { sendFile } from '../download.ts';
import { HttpRefusal } from '../errors.ts';
import { ERROR_SCHEMA, ID_PARAMS, routeSchema, type IdParams } from '../schemas.ts';
import { taskStatus } from '../task-status.ts';
import { NewTask, TASK_SCHEMA, Task, createTask, findTask, visibleTasks } from '../tasks.ts';
import { requireAccount, requireRole } from './auth.ts';

/** `?unit=`: whose blank the city's office or an administrator asks for. */
const BlankQuery = z.object({ unit: z.string().max(200).optional() });

export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const { db, units } = app;
  app.addHook('preHandler', requireAccount);

  app.post<{ Body: NewTask }>(
    '/api/tasks',
    {
      // The account and role are checked before the body: one who may not open a task is told so first.
      preValidation: [requireAccount, requireRole('city', 'admin')],
      schema: { body: routeSchema(NewTask), response: { 201: TASK_SCHEMA, 400: ERROR_SCHEMA, 403: ERROR_SCHEMA, 409: ERROR_SCHEMA } },
    },
    async (request, reply) => {
      const task = await createTask(db, request.body, units, request.account!);
      await recordAudit(db, { userId: request.account!.id, action: 'tasks.create', subject: task.id, address: request.ip });
      return reply.code(201).send(task);
    },
  );

  app.get('/api/tasks', { schema: { response: { 200: routeSchema(z.array(Task), 'output') } } }, async (request) => visibleTasks(db, request.account!));

  app.get<{ Params: IdParams }>(
    '/api/tasks/:id',
    { schema: { params: ID_PARAMS, response: { 200: TASK_SCHEMA, 401: ERROR_SCHEMA, 404: ERROR_SCHEMA } } },
    async (request) => findTask(db, request.params.id, request.account!),
  );

  app.get<{ Params: IdParams; Querystring: z.infer<typeof BlankQuery> }>(
    '/api/tasks/:id/blank',
    { schema: { params: ID_PARAMS, querystring: routeSchema(BlankQuery) } },
    async (request, reply) => {
      const account = request.account!;
      const task = await findTask(db, request.params.id, account);
      const def = formById(task.form);
      // The blank of the account's unit: a unit's clerk its unit's, the city's office the city's where it
      // reports in the task; else that of the unit of the task it names (the task's page links each), as one
      // titled for no unit (XX县) is no unit's to fill in.
      let unit = account.unit ?? (account.role === 'city' && def.cityReports && task.units.includes(units.city.name) ? units.city.name : undefined);
      if (account.role !== 'unit' && (request.query.unit || !unit)) {
        if (!request.query.unit)
          throw new HttpRefusal(400, 'task.blank.unit-missing', `请指明下载哪个单位的空白表：在地址后加 ?unit=单位名称，如 ?unit=${task.units[0]}。此任务的报送单位：${task.units.join('、')}`);
        unit = findReporter(units, request.query.unit, def.cityReports)?.name;
        if (!unit || !task.units.includes(unit))
          throw new HttpRefusal(400, 'task.unit.unknown', `单位「${request.query.unit}」不在此任务的报送单位中：${task.units.join('、')}`);
      }
      const { writeWorkbook } = await import('@tianbao/xlsx');
      const bytes = await writeWorkbook(def, null, { unit, ctx: outputContext(null, units), ...(task.period && { period: task.period }) });
      await recordAudit(db, { userId: account.id, action: 'tasks.blank', subject: task.id, address: request.ip });
      const month = task.period ? formatPeriodCn(task.period) : '';
      return sendFile(reply, `${titleFor(def.layout, unit ?? def.layout.placeholder)}${month}（空白表）.xlsx`, bytes);
    },
  );

  app.get<{ Params: IdParams }>('/api/tasks/:id/status', { schema: { params: ID_PARAMS } }, async (request) => {
    const account = request.account!;
    const task = await findTask(db, request.params.id, account);
    // A unit's clerk sees the unit's own row, never another unit's.
    return taskStatus(db, account.role === 'unit' ? { ...task, units: [account.unit!] } : task, units);
  });
}
