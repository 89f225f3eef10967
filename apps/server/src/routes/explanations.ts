// A unit's explanations of the warnings of its submission (上报说明).
import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import { recordAudit } from '@tianbao/store';
import { HttpRefusal, logFailure } from '../errors.ts';
import { EXPLANATION_CHARS, explain, shownReport } from '../explanations.ts';
import { ERROR_SCHEMA, ID_PARAMS, REPORT_SCHEMA, refusedAs, routeSchema, type IdParams } from '../schemas.ts';
import { refreshCompared } from '../last-month.ts';
import { findSubmission, latestUpload } from '../submissions.ts';
import { findTask } from '../tasks.ts';
import { requireAccount, requireRole } from './auth.ts';

const Explanations = z.object({
  explanations: z
    .array(
      z.object({
        // Null for a warning about the whole file, told from the others of its rule by its message.
        cell: z.string().min(1).max(20).nullable(),
        rule: z.string().min(1).max(200),
        message: z.string().max(2000).optional(),
        // An empty text is refused as a blank one is, by `explain` (explanation.empty).
        text: z
          .string(refusedAs('explanation.text.invalid', '「text」应是说明的文字，用引号括起，如 "已核实，数据无误"'))
          .max(EXPLANATION_CHARS, refusedAs('explanation.text.invalid', `说明最多 ${EXPLANATION_CHARS} 字，请删减后再提交`)),
      }),
    )
    .min(1)
    .max(1000),
});

export async function explanationRoutes(app: FastifyInstance): Promise<void> {
  const { db, units, checker } = app;
  app.addHook('preHandler', requireAccount);

  // The unit that sent the submission explains it: its clerk, or for the city's own, the city's office.
  app.post<{ Params: IdParams; Body: z.infer<typeof Explanations> }>(
    '/api/submissions/:id/explanations',
    { preValidation: requireAccount, preHandler: requireRole('unit', 'city'), schema: { params: ID_PARAMS, body: routeSchema(Explanations), response: { 200: REPORT_SCHEMA, '4xx': ERROR_SCHEMA } } },
    async (request) => {
      const account = request.account!;
      const row = await findSubmission(db, request.params.id, account);
      if (account.role === 'city' && row.unit !== units.city.name)
        throw new HttpRefusal(403, 'explanation.not-own', `这是${row.unit}的报送，说明须由${row.unit}的账号填写`);
      const latest = await latestUpload(db, row.task_id, row.unit);
      if (latest !== row.id)
        throw new HttpRefusal(409, 'explanation.superseded', `这份报送之后${row.unit}又上传了新的文件，说明请填在最近一份（${latest}）上：只有最近一份算数`);
      await explain(db, row, account, request.body.explanations);
      await recordAudit(db, { userId: account.id, action: 'submissions.explain', subject: row.id, address: request.ip });
      // The answers change what next month is asked again: made again now rather than by next month's upload,
      // which reads this file again when this fails.
      await refreshCompared(db, await findTask(db, row.task_id, account), row.unit, units, checker).catch((e: unknown) => void logFailure(e, request));
      return shownReport(db, row, true);
    },
  );
}
