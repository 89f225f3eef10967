// The marked-up copy of a submission: made by a job in the child program, kept, and sent once made.
import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '@tianbao/store';
import { copyNames } from '@tianbao/validate';
import { sendFile } from '../download.ts';
import { HttpRefusal } from '../errors.ts';
import { currentCopy } from '../jobs/annotated-copy.ts';
import { findSubmission } from '../submissions.ts';
import type { UploadReport } from '../upload-check.ts';
import { requireAccount } from './auth.ts';
import { ERROR_SCHEMA, ID_PARAMS, PENDING_SCHEMA, type IdParams } from '../schemas.ts';

/** Seconds a client waits before asking again for a copy being made: about what making one takes. */
export const COPY_RETRY_SECONDS = 2;

/** The copy's name as `tianbao validate --annotate` names it: `修武县台账.xlsx` → `修武县台账-批注.xlsx`. */
const copyName = (fileName: string) => copyNames([`/${basename(fileName)}`], '/')[0]!;

/** Why an upload that could not be read (its report names no form) has no copy, from its report; null for one read or not yet checked. */
function unreadReason(report: string | null): string | null {
  const r = report === null ? null : (JSON.parse(report) as UploadReport);
  if (!r || r.template !== null) return null;
  const why = r.issues.filter((i) => i.severity === 'error').map((i) => i.message);
  // Each reason says what to do about it.
  return why.length ? `此文件未能读取，没有批注副本：${why.join('；')}` : '此文件未能读取，没有批注副本。请按检查结果改正后重新上传';
}

export async function annotatedRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  app.addHook('preHandler', requireAccount);

  app.get<{ Params: IdParams }>(
    '/api/submissions/:id/annotated',
    { schema: { params: ID_PARAMS, response: { 202: PENDING_SCHEMA, 401: ERROR_SCHEMA, 404: ERROR_SCHEMA, 422: ERROR_SCHEMA } } },
    async (request, reply) => {
      const account = request.account!;
      const row = await findSubmission(db, request.params.id, account);
      const unread = unreadReason(row.report);
      if (unread) throw new HttpRefusal(422, 'submission.annotated.failed', unread);
      const kept = await currentCopy(db, row.id);
      if (kept?.bytes) {
        await recordAudit(db, { userId: account.id, action: 'submissions.annotated.download', subject: row.id, address: request.ip });
        return sendFile(reply, copyName(row.file_name), kept.bytes);
      }
      if (kept) throw new HttpRefusal(422, 'submission.annotated.failed', kept.failure!);
      // None yet, or one made before the explanations changed: a job makes it (one, however often it is asked for).
      await app.jobs.send('annotated-copy', { submission: row.id }, row.id);
      return reply
        .code(202)
        .header('retry-after', String(COPY_RETRY_SECONDS))
        .send({ message: `批注副本正在生成，请 ${COPY_RETRY_SECONDS} 秒后再下载` });
    },
  );
}
