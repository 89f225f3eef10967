// Collections: opening one, the tasks an account sees, a task's blank and where its units stand.
import { findReporter, formatPeriodCn, outputContext, titleFor } from '@tianbao/form';
import { formById } from '@tianbao/forms';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '@tianbao/store';
import { sendFile } from '../download.ts';
import { ERROR_SCHEMA, HttpRefusal } from '../errors.ts';
import { ID_PARAMS } from '../schemas.ts';
import { taskStatus } from '../task-status.ts';
import { TASK_SCHEMA, checkUnitsGiven, createTask, findTask, visibleTasks, type NewTask } from '../tasks.ts';
import { requireAccount, requireRole } from './auth.ts';

const NEW_TASK = {
  type: 'object',
  required: ['form', 'due'],
  additionalProperties: false,
  properties: {
    form: { type: 'string', minLength: 1, maxLength: 100 },
    period: { type: ['string', 'null'], maxLength: 20 },
    due: { type: 'string', maxLength: 20 },
    units: { type: 'array', maxItems: 1000, items: { type: 'string', minLength: 1, maxLength: 200 } },
  },
} as const;

export async function taskRoutes(app: FastifyInstance): Promise<void> {
  const { db, units } = app;
  app.addHook('preHandler', requireAccount);

  app.post<{ Body: NewTask }>(
    '/api/tasks',
    {
      // The account and role are checked before the units as sent, which the body's validation would coerce.
      preValidation: [requireAccount, requireRole('city', 'admin'), async (request) => checkUnitsGiven(request.body)],
      schema: { body: NEW_TASK, response: { 201: TASK_SCHEMA, 400: ERROR_SCHEMA, 403: ERROR_SCHEMA, 409: ERROR_SCHEMA } },
    },
    async (request, reply) => {
      const task = await createTask(db, request.body, units, request.account!);
      await recordAudit(db, { userId: request.account!.id, action: 'tasks.create', subject: task.id, address: request.ip });
      return reply.code(201).send(task);
    },
  );

  app.get('/api/tasks', { schema: { response: { 200: { type: 'array', items: TASK_SCHEMA } } } }, async (request) => visibleTasks(db, request.account!));

  app.get<{ Params: { id: string } }>(
    '/api/tasks/:id',
    { schema: { params: ID_PARAMS, response: { 200: TASK_SCHEMA, 401: ERROR_SCHEMA, 404: ERROR_SCHEMA } } },
    async (request) => findTask(db, request.params.id, request.account!),
  );

  app.get<{ Params: { id: string }; Querystring: { unit?: string } }>(
    '/api/tasks/:id/blank',
    { schema: { params: ID_PARAMS, querystring: { type: 'object', properties: { unit: { type: 'string', maxLength: 200 } } } } },
    async (request, reply) => {
      const account = request.account!;
      const task = await findTask(db, request.params.id, account);
      const def = formById(task.form);
      // A unit's clerk gets the unit's blank; the city's office any unit's of the task, or the generic one.
      let unit = account.unit ?? undefined;
      if (account.role !== 'unit' && request.query.unit) {
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

  app.get<{ Params: { id: string } }>('/api/tasks/:id/status', { schema: { params: ID_PARAMS } }, async (request) => {
    const account = request.account!;
    const task = await findTask(db, request.params.id, account);
    // A unit's clerk sees the unit's own row, never another unit's.
    return taskStatus(db, account.role === 'unit' ? { ...task, units: [account.unit!] } : task, units);
  });
}
