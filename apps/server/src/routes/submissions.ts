// Uploads: a unit's clerk sends a workbook for a task; its report and its bytes, as they came.
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '@tianbao/store';
import { sendFile } from '../download.ts';
import { HttpRefusal } from '../errors.ts';
import { findSubmission, reportOf, submit } from '../submissions.ts';
import { findTask } from '../tasks.ts';
import { requireAccount, requireRole } from './auth.ts';

const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;

const MB = (bytes: number) => `${Math.round((bytes / 1048576) * 10) / 10} MB`;

/** The field of the multipart body that holds the workbook. */
const FILE_FIELD = 'file';

export async function submissionRoutes(app: FastifyInstance): Promise<void> {
  const { db, units, checker, uploadBytes } = app;
  app.addHook('preHandler', requireAccount);

  app.post<{ Params: { id: string } }>('/api/tasks/:id/submissions', { preHandler: requireRole('unit'), schema: { params: ID_PARAMS } }, async (request, reply) => {
    const account = request.account!;
    const task = await findTask(db, request.params.id, account);
    const missing = () => new HttpRefusal(400, 'submission.file.missing', `请以 multipart/form-data 上传，文件放在「${FILE_FIELD}」字段中`);
    if (!request.isMultipart()) throw missing();
    const part = await request.file({ limits: { fileSize: uploadBytes, files: 1, fields: 10, parts: 20 } });
    if (!part || part.fieldname !== FILE_FIELD) throw missing();
    let bytes: Buffer;
    try {
      bytes = await part.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
        throw new HttpRefusal(413, 'submission.too-large', `文件超过 ${MB(uploadBytes)} 的上限，未收下。请确认上传的是报表本身；确实很大的表，请按单位拆分后分别上传`);
      throw e;
    }
    const done = await submit(db, task, account, { fileName: part.filename || '（无文件名）', bytes }, units, checker);
    await recordAudit(db, { userId: account.id, action: 'submissions.upload', subject: done.submission, address: request.ip });
    return reply.code(201).send(done);
  });

  app.get<{ Params: { id: string } }>('/api/submissions/:id', { schema: { params: ID_PARAMS } }, async (request) => {
    const report = reportOf(await findSubmission(db, request.params.id, request.account!));
    if (!report) throw new HttpRefusal(409, 'submission.unjudged', '这份报送还在检查中，请稍后再看');
    return report;
  });

  app.get<{ Params: { id: string } }>('/api/submissions/:id/file', { schema: { params: ID_PARAMS } }, async (request, reply) => {
    const row = await findSubmission(db, request.params.id, request.account!, true);
    await recordAudit(db, { userId: request.account!.id, action: 'submissions.download', subject: row.id, address: request.ip });
    return sendFile(reply, row.file_name, row.bytes, 'application/octet-stream');
  });
}
