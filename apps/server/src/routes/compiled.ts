// A task's compilation (`tianbao compile`): made by a job, kept, and sent once made.
import type { FastifyInstance } from 'fastify';
import { IsoDate, today } from '@tianbao/form';
import * as z from 'zod';
import { formById } from '@tianbao/forms';
import { recordAudit } from '@tianbao/store';
import { compiledTitle } from '@tianbao/validate';
import { sendFile } from '../download.ts';
import { HttpRefusal } from '../errors.ts';
import { currentCompilation } from '../jobs/compilation.ts';
import { ERROR_SCHEMA, ID_PARAMS, PENDING_SCHEMA, refusedAs, routeSchema, type IdParams } from '../schemas.ts';
import { findTask } from '../tasks.ts';
import { requireAccount, requireRole } from './auth.ts';

/** Seconds a client waits before asking again for a compilation being made: about what the demo's eleven ledgers take. */
export const COMPILE_RETRY_SECONDS = 5;

/** `?format=xlsx|pdf`, and the day it is as of (`?asOf=`, checked by the route to say so in Chinese). */
const Query = z.object({
  format: z.enum(['xlsx', 'pdf'], refusedAs('request.invalid', '请求中的「format」只能是 xlsx、pdf')),
  asOf: z.string().max(20).optional(),
});

const FORMATS: Record<z.infer<typeof Query>['format'], string> = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' };

export async function compiledRoutes(app: FastifyInstance): Promise<void> {
  const { db, units } = app;
  app.addHook('preHandler', requireAccount);
  app.addHook('preHandler', requireRole('city', 'admin'));

  app.get<{ Params: IdParams; Querystring: z.infer<typeof Query> }>(
    '/api/tasks/:id/compiled',
    { schema: { params: ID_PARAMS, querystring: routeSchema(Query), response: { 202: PENDING_SCHEMA, 400: ERROR_SCHEMA, 403: ERROR_SCHEMA, 404: ERROR_SCHEMA, 422: ERROR_SCHEMA } } },
    async (request, reply) => {
      const account = request.account!;
      const task = await findTask(db, request.params.id, account);
      const { format, asOf = today() } = request.query;
      // The day its 逾期 is judged on and it is dated by: today in the server's zone (`serve --timezone`), unless asked.
      if (!IsoDate.safeParse(asOf).success) throw new HttpRefusal(400, 'task.compiled.as-of.invalid', `截至日期「${asOf}」应是有效日期，写作 YYYY-MM-DD，如 2023-07-05`);
      const { current: kept, madeFor } = await currentCompilation(db, task, units, asOf);
      if (kept) {
        const bytes = kept[format];
        if (!bytes) throw new HttpRefusal(422, 'task.compiled.pdf-failed', kept.pdf_failure!);
        await recordAudit(db, { userId: account.id, action: `tasks.compiled.${format}`, subject: task.id, address: request.ip });
        return sendFile(reply, `${compiledTitle(formById(task.form), task.period ?? '', units)}.${format}`, bytes, FORMATS[format]);
      }
      // None yet, or one made of other submissions (or on another day): a job makes it, one however often asked
      // for. Keyed by what it is made of: a job of the same key waiting behind one under way would hold up every
      // task's compilations on PostgreSQL (pg-boss takes the oldest waiting job of a queue, and a `stately` queue
      // runs one of a key at a time), for as long as the one under way has left if its process died.
      await app.jobs.send('compilation', { task: task.id, asOf }, `${task.id} ${madeFor}`);
      return reply
        .code(202)
        .header('retry-after', String(COMPILE_RETRY_SECONDS))
        .send({ message: `全市汇总正在生成，请 ${COMPILE_RETRY_SECONDS} 秒后再下载` });
    },
  );
}
