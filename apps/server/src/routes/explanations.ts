// A unit's explanations of the warnings of its submission (上报说明).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '@tianbao/store';
import type { Explanation } from '@tianbao/validate';
import { ERROR_SCHEMA, HttpRefusal } from '../errors.ts';
import { EXPLANATION_CHARS, explain, shownReport } from '../explanations.ts';
import { ID_PARAMS, REPORT_SCHEMA } from '../schemas.ts';
import { findSubmission } from '../submissions.ts';
import { requireAccount, requireRole } from './auth.ts';

const EXPLANATIONS_BODY = {
  type: 'object',
  required: ['explanations'],
  additionalProperties: false,
  properties: {
    explanations: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['cell', 'rule', 'text'],
        additionalProperties: false,
        properties: {
          // Null for a warning about the whole file, told from the others of its rule by its message.
          cell: { type: ['string', 'null'], minLength: 1, maxLength: 20 },
          rule: { type: 'string', minLength: 1, maxLength: 200 },
          message: { type: 'string', maxLength: 2000 },
          // An empty text is refused as a blank one is, by `explain` (explanation.empty); one not a string, by `checkTextsGiven`.
          text: { type: 'string', maxLength: EXPLANATION_CHARS },
        },
      },
    },
  },
} as const;

/** Refuse a text that is not a string before the body's validation, which would take `123` as "123". */
async function checkTextsGiven(request: FastifyRequest): Promise<void> {
  const given = (request.body as { explanations?: unknown } | null)?.explanations;
  if (Array.isArray(given) && given.some((e) => typeof e === 'object' && e !== null && 'text' in e && typeof e.text !== 'string'))
    throw new HttpRefusal(400, 'explanation.text.invalid', '「text」应是说明的文字，用引号括起，如 "已核实，数据无误"');
}

interface Body {
  explanations: Explanation[];
}

export async function explanationRoutes(app: FastifyInstance): Promise<void> {
  const { db, units } = app;
  app.addHook('preHandler', requireAccount);

  // The unit that sent the submission explains it: its clerk, or for the city's own, the city's office.
  app.post<{ Params: { id: string }; Body: Body }>(
    '/api/submissions/:id/explanations',
    { preValidation: [requireAccount, checkTextsGiven], preHandler: requireRole('unit', 'city'), schema: { params: ID_PARAMS, body: EXPLANATIONS_BODY, response: { 200: REPORT_SCHEMA, '4xx': ERROR_SCHEMA } } },
    async (request) => {
      const account = request.account!;
      const row = await findSubmission(db, request.params.id, account);
      if (account.role === 'city' && row.unit !== units.city.name)
        throw new HttpRefusal(403, 'explanation.not-own', `这是${row.unit}的报送，说明须由${row.unit}的账号填写`);
      await explain(db, row, account, request.body.explanations);
      await recordAudit(db, { userId: account.id, action: 'submissions.explain', subject: row.id, address: request.ip });
      return shownReport(db, row);
    },
  );
}
